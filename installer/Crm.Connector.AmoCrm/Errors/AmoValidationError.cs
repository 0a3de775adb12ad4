namespace Crm.Connector.AmoCrm.Errors;

/// <summary>One entry of a problem's <c>validation-errors</c>, tied to the entity it is about.</summary>
/// <param name="RequestId">The entity's <c>request_id</c> (the caller's, or the one the client gave it); null when the answer named none.</param>
/// <param name="Index">The entity's position (0-based) in the list the caller passed; null when it cannot be told.</param>
/// <param name="Code">amoCRM's code: <c>NotSupportedChoice</c>, <c>InvalidType</c>, <c>FieldNotExpected</c>…</param>
/// <param name="Path">The field path inside the entity: <c>custom_fields_values.0.field_id</c>.</param>
/// <param name="Detail">amoCRM's words.</param>
public sealed record AmoValidationError(string? RequestId, int? Index, string Code, string Path, string Detail);
