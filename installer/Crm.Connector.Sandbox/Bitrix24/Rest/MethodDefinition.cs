namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>A REST method the portal knows: its scope (null = none needed), whether it needs application context, its handler.</summary>
internal sealed record MethodDefinition(string Name, string? Scope, bool AppOnly, Func<MethodCall, MethodResult> Handler);
