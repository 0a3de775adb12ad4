using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.App;

/// <summary>
/// <c>app.info</c> (application context only, §1.6, §13), <c>scope</c> (granted scopes; <c>full=true</c> → all the
/// portal knows) and <c>feature.get</c> (§1.6: <c>rest_offline_extended</c>, <c>rest_auth_connector</c>).
/// </summary>
internal static class AppMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("app.info", Info);
        methods.Add("scope", Scope);
        methods.Add("feature.get", Feature);
    }

    /// <summary>
    /// §13: LICENSE by plan (<c>ru_pro100</c>…); VERSION, STATUS and LANGUAGE_ID as installed (§1.3; default version 1,
    /// paid, ru); 30 days left. VERSION is a number when the version is one (as Bitrix24 numbers versions).
    /// </summary>
    private static MethodResult Info(MethodCall call)
    {
        var plan = call.Portal.Plan;
        var app = call.Portal.App;
        return MethodResult.Of(new JObject
        {
            ["ID"] = 1,
            ["CODE"] = app.ClientId,
            ["VERSION"] = int.TryParse(app.Version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : app.Version,
            ["STATUS"] = app.Status,
            ["INSTALLED"] = app.Installed,
            ["PAYMENT_EXPIRED"] = "N",
            ["DAYS"] = 30,
            ["LANGUAGE_ID"] = app.Language,
            ["LICENSE"] = plan.License,
            ["LICENSE_TYPE"] = plan.LicenseType,
            ["LICENSE_FAMILY"] = plan.LicenseFamily,
        });
    }

    /// <summary>
    /// §1.6 <c>feature.get</c> {CODE} → <c>{value: Y|N}</c>. §4.6: the confirmation mode of offline events
    /// (rest_offline_extended) is on; <c>auth_connector</c> (rest_auth_connector) only on Professional and above.
    /// UNCONFIRMED: an unknown CODE answers N rather than an error.
    /// </summary>
    private static MethodResult Feature(MethodCall call)
    {
        var value = call.Parameters.String("CODE")?.Trim().ToLowerInvariant() switch
        {
            "rest_offline_extended" => true,
            "rest_auth_connector" => call.Portal.Plan.AuthConnector,
            _ => false,
        };
        return MethodResult.Of(new JObject { ["value"] = value ? "Y" : "N" });
    }

    private static MethodResult Scope(MethodCall call)
    {
        var full = Params.AsBool(call.Parameters.Get("full")) ?? false;
        var scopes = full ? Portal.AllScopes.Split(',') : [.. call.Caller.Scopes.Order(StringComparer.Ordinal)];
        return MethodResult.Of(new JArray(scopes));
    }
}
