namespace Crm.Connector.AmoCrm.Models;

/// <summary>Note types that can be created (amocrm-api.md §7.2).</summary>
public static class AmoNoteTypes
{
    public const string Common = "common";
    public const string CallIn = "call_in";
    public const string CallOut = "call_out";
    public const string ServiceMessage = "service_message";

    /// <summary>What Kommo recommends for an integration's system events.</summary>
    public const string ExtendedServiceMessage = "extended_service_message";
    public const string Geolocation = "geolocation";
    public const string SmsIn = "sms_in";
    public const string SmsOut = "sms_out";
    public const string Attachment = "attachment";
}
