using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;
using Crm.Connector.Sandbox.AmoCrm.Webhooks;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Webhooks;

/// <summary>
/// <c>/api/v4/webhooks</c> (§8.1): GET (<c>filter[destination]</c>; 204 when none) with <c>disabled</c>, POST
/// <c>{destination, settings[], sort}</c> (at most 100 destinations; POSTing a known destination replaces its settings
/// and enables it again), DELETE <c>{destination}</c> → 204.
/// UNCONFIRMED: POST answers 201 with the webhook (the docs show the body, not the status); deleting an unknown
/// destination answers 204 as well.
/// </summary>
internal static class WebhookRoutes
{
    public const int MaxWebhooks = 100;

    public static void Add(RouteTable routes) => routes
        .Get("/api/v4/webhooks", List)
        .Post("/api/v4/webhooks", Subscribe)
        .Delete("/api/v4/webhooks", Unsubscribe);

    private static JObject View(ApiCall call, WebhookSubscription webhook) => new()
    {
        ["id"] = webhook.Id,
        ["destination"] = webhook.Destination,
        ["created_at"] = webhook.CreatedAt,
        ["updated_at"] = webhook.UpdatedAt,
        ["account_id"] = call.State.AccountId,
        ["created_by"] = webhook.CreatedBy,
        ["sort"] = webhook.Sort,
        ["disabled"] = webhook.Disabled,
        ["settings"] = new JArray(webhook.Settings),
    };

    private static ApiResult List(ApiCall call)
    {
        Guard.Admin(call);
        var destination = call.Query["filter"]?["destination"]?.ToString();
        var webhooks = call.State.Webhooks.Values.Where(w => destination is null || w.Destination == destination).Select(w => View(call, w)).ToList();
        return webhooks.Count == 0
            ? ApiResult.NoContent()
            : ApiResult.Ok(new JObject
            {
                ["_total_items"] = webhooks.Count,
                ["_links"] = Hal.Self(call.Account, "/api/v4/webhooks"),
                ["_embedded"] = new JObject { ["webhooks"] = new JArray(webhooks) },
            });
    }

    private static ApiResult Subscribe(ApiCall call)
    {
        Guard.Admin(call);
        var errors = new ValidationErrors();
        var reader = new FieldReader(Body.Object(call), "0", errors);
        var destination = reader.String("destination", required: true);
        if (destination is not null && (!Uri.TryCreate(destination, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            reader.Error("InvalidType", "destination", "The destination must be an absolute http(s) URL.");
        }

        var settings = new List<string>();
        if (reader.Array("settings", required: true) is { } list)
        {
            if (list.Count == 0)
            {
                reader.Error("FieldIsEmpty", "settings", "Subscribe to at least one event.");
            }

            for (var i = 0; i < list.Count; i++)
            {
                var setting = list[i].Type == JTokenType.String ? (string?)list[i] : null;
                if (setting is null || !WebhookSettings.Known.Contains(setting))
                {
                    reader.Error("NotSupportedChoice", $"settings.{FieldReader.Index(i)}", "Unknown webhook event.");
                    continue;
                }

                if (!settings.Contains(setting))
                {
                    settings.Add(setting);
                }
            }
        }

        var sort = reader.Int("sort");
        var existing = call.State.Webhooks.Values.FirstOrDefault(w => w.Destination == destination);
        if (existing is null && call.State.Webhooks.Count >= MaxWebhooks)
        {
            reader.Error("LimitExceeded", "destination", $"At most {MaxWebhooks} webhooks per account.");
        }

        errors.ThrowIfAny();
        var webhook = existing ?? new WebhookSubscription { Id = call.State.NextId("webhook"), Destination = destination!, CreatedAt = call.Now, CreatedBy = call.UserId };
        webhook.Settings = settings;
        webhook.Sort = sort ?? webhook.Sort;
        webhook.UpdatedAt = call.Now;
        webhook.Disabled = false;
        webhook.Attempts.Clear();
        call.State.Webhooks[webhook.Id] = webhook;
        return ApiResult.Created(View(call, webhook));
    }

    private static ApiResult Unsubscribe(ApiCall call)
    {
        Guard.Admin(call);
        var errors = new ValidationErrors();
        var reader = new FieldReader(Body.Object(call), "0", errors);
        var destination = reader.String("destination", required: true);
        errors.ThrowIfAny();
        foreach (var webhook in call.State.Webhooks.Values.Where(w => w.Destination == destination).ToList())
        {
            call.State.Webhooks.Remove(webhook.Id);
        }

        return ApiResult.NoContent();
    }
}
