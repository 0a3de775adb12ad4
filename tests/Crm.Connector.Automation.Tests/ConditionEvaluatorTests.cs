using Crm.Connector.Automation.Conditions;
using Crm.Connector.Templates.Model.Conditions;

namespace Crm.Connector.Automation.Tests;

public sealed class ConditionEvaluatorTests
{
    public static TheoryData<string, object?, ConditionOperator, object[], bool> Cases => new()
    {
        { "text equal", "EMPLOYMENT", ConditionOperator.Equal, ["EMPLOYMENT"], true },
        { "text differs", "TRAINING", ConditionOperator.Equal, ["EMPLOYMENT"], false },
        { "ne on a missing value", null, ConditionOperator.NotEqual, ["EMPLOYMENT"], true },
        { "eq on a missing value", null, ConditionOperator.Equal, ["EMPLOYMENT"], false },
        { "number as text equals number", "5", ConditionOperator.Equal, [5m], true },
        { "money equals number", "1500|RUB", ConditionOperator.Equal, [1500m], true },
        { "boolean Y", "Y", ConditionOperator.Equal, [true], true },
        { "boolean 0", "0", ConditionOperator.Equal, [false], true },
        { "boolean on text", "maybe", ConditionOperator.Equal, [true], false },
        { "in, single value", "AFTER_ACCIDENT", ConditionOperator.In, ["FUEL_TANKER", "AFTER_ACCIDENT"], true },
        { "in, none", "PASSENGER", ConditionOperator.In, ["FUEL_TANKER", "AFTER_ACCIDENT"], false },
        { "in, multi-valued: any", new List<object?> { "A", "FUEL_TANKER" }, ConditionOperator.In, ["FUEL_TANKER"], true },
        { "notIn, multi-valued: none may match", new List<object?> { "A", "FUEL_TANKER" }, ConditionOperator.NotIn, ["FUEL_TANKER"], false },
        { "eq, multi-valued: any", new List<object?> { "B", "C" }, ConditionOperator.Equal, ["C"], true },
        { "ne, multi-valued: none", new List<object?> { "B", "C" }, ConditionOperator.NotEqual, ["C"], false },
        { "empty: null", null, ConditionOperator.Empty, [], true },
        { "empty: blank text", "", ConditionOperator.Empty, [], true },
        { "empty: list of blanks", new List<object?> { "", null }, ConditionOperator.Empty, [], true },
        { "notEmpty: zero is a value", 0m, ConditionOperator.NotEmpty, [], true },
        { "gt", 10m, ConditionOperator.GreaterThan, [0m], true },
        { "gt equal", 0m, ConditionOperator.GreaterThan, [0m], false },
        { "gte equal", 0m, ConditionOperator.GreaterThanOrEqual, [0m], true },
        { "lt money", "99.5|RUB", ConditionOperator.LessThan, [100m], true },
        { "lte text number", "100", ConditionOperator.LessThanOrEqual, [100m], true },
        { "gt on missing", null, ConditionOperator.GreaterThan, [0m], false },
        { "gt on text", "abc", ConditionOperator.GreaterThan, [0m], false },
        { "gt on dates", "2027-02-01", ConditionOperator.GreaterThan, ["2027-01-31"], true },
        { "lt on dates with time", "2027-02-01T10:00:00+03:00", ConditionOperator.LessThan, ["2027-02-01T08:00:00+00:00"], true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Field_Comparisons(string name, object? value, ConditionOperator op, object[] literals, bool expected)
    {
        var condition = new FieldCondition { Field = "F", Op = op, Values = [.. literals.Select(Literal)] };

        Assert.True(expected == ConditionEvaluator.Evaluate(condition, Item(value)), name);
    }

    [Fact]
    public void Groups_AllAnyNot_Nest()
    {
        var item = new ItemState("deal", 1, new Dictionary<string, object?> { ["stage"] = "INSPECTION", ["amount"] = 5000m, ["PHOTOS"] = new List<object?>() });
        var moveWhenPriced = new AllCondition([Eq("stage", "INSPECTION"), new FieldCondition { Field = "amount", Op = ConditionOperator.GreaterThan, Values = [LiteralValue.Of(0m)] }]);
        var noPhotos = new NotCondition(new FieldCondition { Field = "PHOTOS", Op = ConditionOperator.NotEmpty });

        Assert.True(ConditionEvaluator.Evaluate(moveWhenPriced, item));
        Assert.True(ConditionEvaluator.Evaluate(noPhotos, item));
        Assert.False(ConditionEvaluator.Evaluate(new AnyCondition([Eq("stage", "WON"), new NotCondition(moveWhenPriced)]), item));
        Assert.True(ConditionEvaluator.Evaluate(null, item));
    }

    [Fact]
    public void RelatedField_IsReadThroughTheLookup_AndFalseWithoutOne()
    {
        var condition = Eq("contact.CLIENT_KIND", "FLEET");

        Assert.True(ConditionEvaluator.Evaluate(condition, Item(null), f => f == "contact.CLIENT_KIND" ? "FLEET" : null));
        Assert.False(ConditionEvaluator.Evaluate(condition, Item(null)));
    }

    private static FieldCondition Eq(string field, string value) => new() { Field = field, Op = ConditionOperator.Equal, Values = [LiteralValue.Of(value)] };

    private static ItemState Item(object? value) => new("deal", 1, new Dictionary<string, object?> { ["F"] = value });

    private static LiteralValue Literal(object value) => value switch
    {
        decimal d => LiteralValue.Of(d),
        bool b => LiteralValue.Of(b),
        _ => LiteralValue.Of((string)value),
    };
}
