using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.App;

/// <summary>
/// <c>app.info</c> (application context only, §1.6, §13) and <c>scope</c> (granted scopes; <c>full=true</c> → all the
/// portal knows).
/// </summary>
internal static class AppMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("app.info", Info);
        methods.Add("scope", Scope);
    }

    /// <summary>§13: LICENSE by plan (<c>ru_pro100</c>…); the app is paid (STATUS P), installed, 30 days left.</summary>
    private static MethodResult Info(MethodCall call)
    {
        var plan = call.Portal.Plan;
        return MethodResult.Of(new JObject
        {
            ["ID"] = 1,
            ["CODE"] = call.Portal.App.ClientId,
            ["VERSION"] = 1,
            ["STATUS"] = "P",
            ["INSTALLED"] = true,
            ["PAYMENT_EXPIRED"] = "N",
            ["DAYS"] = 30,
            ["LANGUAGE_ID"] = "ru",
            ["LICENSE"] = plan.License,
            ["LICENSE_TYPE"] = plan.LicenseType,
            ["LICENSE_FAMILY"] = plan.LicenseFamily,
        });
    }

    private static MethodResult Scope(MethodCall call)
    {
        var full = Params.AsBool(call.Parameters.Get("full")) ?? false;
        var scopes = full ? Portal.AllScopes.Split(',') : [.. call.Caller.Scopes.Order(StringComparer.Ordinal)];
        return MethodResult.Of(new JArray(scopes));
    }
}
