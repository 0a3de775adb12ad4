using Crm.Connector.Sandbox.AmoCrm.Http;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Account;

/// <summary>
/// <c>GET /api/v4/account[?with=users_groups,task_types,datetime_settings,amojo_id,version,entity_names]</c> (§10).
/// Task types: 1 «Связаться», 2 «Встреча» (§7.1).
/// </summary>
internal static class AccountRoutes
{
    public static void Add(RouteTable routes) => routes.Get("/api/v4/account", Get);

    private static ApiResult Get(ApiCall call)
    {
        var state = call.State;
        var with = call.With;
        var body = new JObject
        {
            ["id"] = state.AccountId,
            ["name"] = state.Subdomain,
            ["subdomain"] = state.Subdomain,
            ["created_at"] = call.Now - 86_400 * 30,
            ["created_by"] = state.AdminId,
            ["updated_at"] = call.Now,
            ["updated_by"] = state.AdminId,
            ["current_user_id"] = call.UserId,
            ["country"] = "RU",
            ["currency"] = "RUB",
            ["currency_symbol"] = "₽",
            ["customers_mode"] = "disabled",
            ["is_unsorted_on"] = true,
            ["mobile_feature_version"] = 0,
            ["is_loss_reason_enabled"] = true,
            ["is_helpbot_enabled"] = false,
            ["is_technical_account"] = false,
            ["contact_name_display_order"] = 1,
        };
        if (with.Contains("amojo_id"))
        {
            body["amojo_id"] = $"sandbox-{state.AccountId}";
        }

        if (with.Contains("version"))
        {
            body["version"] = 26;
        }

        if (with.Contains("datetime_settings"))
        {
            body["datetime_settings"] = new JObject
            {
                ["date_pattern"] = "d.m.Y H:i",
                ["short_date_pattern"] = "d.m.Y",
                ["short_time_pattern"] = "H:i",
                ["date_format"] = "d.m.Y",
                ["time_format"] = "H:i:s",
                ["timezone"] = "Europe/Moscow",
                ["timezone_offset"] = "+03:00",
            };
        }

        body["_links"] = Hal.Self(call.Account, "/api/v4/account");
        var embedded = new JObject();
        if (with.Contains("users_groups"))
        {
            embedded["users_groups"] = new JArray(state.Groups.Select(g => new JObject { ["id"] = g.Id, ["name"] = g.Name, ["uuid"] = null }));
        }

        if (with.Contains("task_types"))
        {
            embedded["task_types"] = new JArray(
                new JObject { ["id"] = 1, ["name"] = "Связаться", ["color"] = null, ["icon_id"] = null, ["code"] = "FOLLOW_UP" },
                new JObject { ["id"] = 2, ["name"] = "Встреча", ["color"] = null, ["icon_id"] = null, ["code"] = "MEETING" });
        }

        if (with.Contains("entity_names"))
        {
            embedded["entity_names"] = new JObject
            {
                ["leads"] = new JObject { ["ru"] = new JObject { ["gender"] = "f", ["plural_form"] = new JObject { ["nominative"] = "сделки" } } },
            };
        }

        if (embedded.Count > 0)
        {
            body["_embedded"] = embedded;
        }

        return ApiResult.Ok(body);
    }
}
