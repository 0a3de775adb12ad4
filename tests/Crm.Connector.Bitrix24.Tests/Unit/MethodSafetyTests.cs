using Crm.Connector.Bitrix24.Transport;

namespace Crm.Connector.Bitrix24.Tests.Unit;

public sealed class MethodSafetyTests
{
    [Theory]
    [InlineData("crm.deal.get", true)]
    [InlineData("crm.deal.list", true)]
    [InlineData("crm.deal.update", true)]
    [InlineData("crm.status.delete", true)]
    [InlineData("crm.deal.userfield.list", true)]
    [InlineData("app.info", true)]
    [InlineData("bizproc.robot.add", true)]
    [InlineData("event.bind", true)]
    [InlineData("crm.deal.add", false)]
    [InlineData("crm.item.add", false)]
    [InlineData("crm.category.add", false)]
    [InlineData("tasks.task.add", false)]
    [InlineData("crm.activity.todo.add", false)]
    [InlineData("crm.timeline.comment.add", false)]
    [InlineData("im.notify.system.add", false)]
    [InlineData("bizproc.event.send", false)]
    [InlineData("event.offline.get", false)]
    public void IsIdempotent_Method_KnowsWhetherARepeatIsHarmless(string method, bool expected)
    {
        Assert.Equal(expected, MethodSafety.IsIdempotent(method));
    }

    [Theory]
    [InlineData("crm.deal.get", true)]
    [InlineData("crm.item.list", true)]
    [InlineData("crm.deal.fields", true)]
    [InlineData("user.get", true)]
    [InlineData("profile", true)]
    [InlineData("app.info", true)]
    [InlineData("crm.deal.update", false)]
    [InlineData("crm.status.delete", false)]
    [InlineData("crm.deal.add", false)]
    [InlineData("bizproc.robot.add", false)]
    [InlineData("event.offline.get", false)]
    public void IsRead_Method_KnowsWhetherItsOrderAmongOtherCallsCanMatter(string method, bool expected)
    {
        Assert.Equal(expected, MethodSafety.IsRead(method));
    }
}
