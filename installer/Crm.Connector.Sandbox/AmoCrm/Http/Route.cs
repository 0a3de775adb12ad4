namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>An API route: <c>{id}</c> segments match digits, <c>{name}</c> (anything else in braces) any segment.</summary>
internal sealed record Route(string Method, string Template, Func<ApiCall, ApiResult> Handler)
{
    private readonly string[] _segments = Template.Trim('/').Split('/');

    /// <summary>How the route is counted and named in faults: <c>"POST /api/v4/leads/pipelines"</c>.</summary>
    public string Key => $"{Method} {Template}";

    public bool IsWrite => Method != "GET";

    /// <summary>The values of the brace segments when <paramref name="segments"/> matches, else null.</summary>
    public IReadOnlyList<string>? Match(string[] segments)
    {
        if (segments.Length != _segments.Length)
        {
            return null;
        }

        var args = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var pattern = _segments[i];
            if (pattern == "{id}")
            {
                if (segments[i].Length == 0 || !segments[i].All(char.IsAsciiDigit))
                {
                    return null;
                }

                args.Add(segments[i]);
            }
            else if (pattern.StartsWith('{'))
            {
                args.Add(segments[i]);
            }
            else if (!string.Equals(pattern, segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return args;
    }
}
