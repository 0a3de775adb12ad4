namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>The API routes, tried in the order added (literal routes are added before ones with a brace in the same place).</summary>
internal sealed class RouteTable
{
    private readonly List<Route> _routes = [];

    public RouteTable Get(string template, Func<ApiCall, ApiResult> handler) => Add("GET", template, handler);

    public RouteTable Post(string template, Func<ApiCall, ApiResult> handler) => Add("POST", template, handler);

    public RouteTable Patch(string template, Func<ApiCall, ApiResult> handler) => Add("PATCH", template, handler);

    public RouteTable Delete(string template, Func<ApiCall, ApiResult> handler) => Add("DELETE", template, handler);

    /// <summary>The route for <paramref name="method"/> and <paramref name="path"/>; <c>PathKnown</c> when another method would match.</summary>
    public (Route? Route, IReadOnlyList<string> Args, bool PathKnown) Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        var pathKnown = false;
        foreach (var route in _routes)
        {
            if (route.Match(segments) is not { } args)
            {
                continue;
            }

            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return (route, args, true);
            }

            pathKnown = true;
        }

        return (null, [], pathKnown);
    }

    private RouteTable Add(string method, string template, Func<ApiCall, ApiResult> handler)
    {
        _routes.Add(new Route(method, template, handler));
        return this;
    }
}
