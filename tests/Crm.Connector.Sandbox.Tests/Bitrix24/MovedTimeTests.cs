using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>
/// When a deal or lead entered its current stage: MOVED_TIME and MOVED_BY_ID (read-only; b24restdocs
/// <c>crm/main-entities-fields.md</c> "Date of moving the item to the current stage"), set on creation and on a change of
/// stage only.
/// </summary>
public sealed class MovedTimeTests : SandboxTest
{
    private readonly FakeTimeProvider _clock = new();

    protected override Bitrix24SandboxOptions Options => Sandboxes.Roomy(_clock);

    [Theory]
    [InlineData("deal", "STAGE_ID", "WON")]
    [InlineData("lead", "STATUS_ID", "IN_PROCESS")]
    public async Task MovedTime_IsTheLastChangeOfStage_NotOfAnyField(string entity, string stageField, string otherStage)
    {
        var created = _clock.GetUtcNow();
        var id = (await Rest.WebhookAsync($"crm.{entity}.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Клиент" } })).Ok().Value<int>();
        Assert.Equal(Iso(created), await MovedTimeAsync(entity, id));

        _clock.Advance(TimeSpan.FromMinutes(5));
        (await Rest.WebhookAsync($"crm.{entity}.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["TITLE"] = "Клиент, переименован" } })).Ok();
        Assert.Equal(Iso(created), await MovedTimeAsync(entity, id));

        _clock.Advance(TimeSpan.FromMinutes(5));
        var moved = _clock.GetUtcNow();
        (await Rest.WebhookAsync($"crm.{entity}.update", new JObject { ["id"] = id, ["fields"] = new JObject { [stageField] = otherStage } })).Ok();
        Assert.Equal(Iso(moved), await MovedTimeAsync(entity, id));

        var item = (await Rest.WebhookAsync("crm.item.get", new JObject { ["entityTypeId"] = entity == "deal" ? 2 : 1, ["id"] = id })).Ok()["item"]!;
        Assert.Equal(Iso(moved), item.Value<string>("movedTime"));
    }

    [Fact]
    public async Task MovedTime_IsReadOnly()
    {
        var id = (await Rest.WebhookAsync("crm.deal.add", new JObject { ["fields"] = new JObject { ["TITLE"] = "Сделка" } })).Ok().Value<int>();
        var before = await MovedTimeAsync("deal", id);

        _clock.Advance(TimeSpan.FromMinutes(5));
        (await Rest.WebhookAsync("crm.deal.update", new JObject { ["id"] = id, ["fields"] = new JObject { ["MOVED_TIME"] = "2020-01-01T00:00:00+03:00" } })).Ok();

        Assert.Equal(before, await MovedTimeAsync("deal", id));
        Assert.True((await Rest.WebhookAsync("crm.deal.fields")).Ok()["MOVED_TIME"]!.Value<bool>("isReadOnly"));
    }

    private async Task<string?> MovedTimeAsync(string entity, int id) =>
        (await Rest.WebhookAsync($"crm.{entity}.get", new JObject { ["id"] = id })).Ok().Value<string>("MOVED_TIME");

    private static string Iso(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow")).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
