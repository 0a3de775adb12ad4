using Crm.Connector.Import.Rules;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Import.Tests;

public sealed class RuleTests
{
    private static readonly TimeZoneInfo Samara = TimeZoneInfo.FindSystemTimeZoneById("Europe/Samara");

    [Theory]
    [InlineData("+79171234578", "+79171234578")]
    [InlineData("81234657885", "+71234657885")]
    [InlineData("+7(999) 125-99-99", "+79991259999")]
    [InlineData("8 (917) 123-45-78", "+79171234578")]
    [InlineData("9171234578", "+79171234578")]
    [InlineData("79171234578", "+79171234578")]
    [InlineData(" 8-917-123-45-78 ", "+79171234578")]
    public void Normalize_SeedFormats_OneForm(string text, string expected) => Assert.Equal(expected, PhoneNumber.Normalize(text));

    [Theory]
    [InlineData("12345")]
    [InlineData("+380441234567")]
    [InlineData("+19171234578")]
    [InlineData("8917123457x")]
    [InlineData("891712345789")]
    [InlineData("звонить после 18")]
    [InlineData("")]
    public void Normalize_NotARussianPhone_Null(string text) => Assert.Null(PhoneNumber.Normalize(text));

    [Theory]
    [InlineData("01.01.2000 12:34:00", 2000, 1, 1, 12, 34, 0)]
    [InlineData("01.01.2000", 2000, 1, 1, 0, 0, 0)]
    [InlineData("1.2.2021 9:05:07", 2021, 2, 1, 9, 5, 7)]
    [InlineData("2021-02-01 09:05:07", 2021, 2, 1, 9, 5, 7)]
    public void ParseLocal_SeedFormats_WallClock(string text, int y, int mo, int d, int h, int mi, int s) =>
        Assert.Equal(new DateTime(y, mo, d, h, mi, s), ImportDates.ParseLocal(new ImportCell { Text = text }));

    [Theory]
    [InlineData("32.01.2000")]
    [InlineData("2000/01/01")]
    [InlineData("вчера")]
    public void ParseLocal_Garbage_Null(string text) => Assert.Null(ImportDates.ParseLocal(new ImportCell { Text = text }));

    [Fact]
    public void InZone_Samara_OffsetPlus4() =>
        Assert.Equal(new DateTimeOffset(2000, 1, 1, 12, 34, 0, TimeSpan.FromHours(4)), ImportDates.InZone(new DateTime(2000, 1, 1, 12, 34, 0), Samara));

    [Fact]
    public void ParseLocal_ExcelDateCellWithRounding_NearestSecond() =>
        Assert.Equal(new DateTime(2000, 1, 1, 12, 34, 0), ImportDates.ParseLocal(new ImportCell { Date = DateTime.FromOADate(36526.5236111111) }));

    [Theory]
    [InlineData("ivanov@example.ru", true)]
    [InlineData("a.b+c@mail.co", true)]
    [InlineData("ivanov@", false)]
    [InlineData("ivanov example.ru", false)]
    [InlineData("<script>@x.ru", true)]
    public void IsValid_Emails_Basic(string text, bool valid) => Assert.Equal(valid, EmailAddress.IsValid(text));

    [Fact]
    public void Parse_UnknownListItem_NamesAllowedItems()
    {
        var field = Fixtures.DrivingSchool.Fields.Lead.Single(f => f.Code == "STUDY_FORM");

        var (value, error) = FieldValues.Parse(field, new ImportCell { Text = "Заочная" }, Samara);

        Assert.Null(value);
        Assert.Contains("«Вечерняя»", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("вечерняя", "EVENING")]
    [InlineData("Очная (дневная)", "FULL_TIME")]
    public void Parse_ListItemByName_ItsCode(string text, string code)
    {
        var field = Fixtures.DrivingSchool.Fields.Lead.Single(f => f.Code == "STUDY_FORM");

        Assert.Equal(code, FieldValues.Parse(field, new ImportCell { Text = text }, Samara).Value?.ItemCode);
    }

    [Theory]
    [InlineData("Да", true)]
    [InlineData("нет", false)]
    public void Parse_Boolean_DaNet(string text, bool expected) =>
        Assert.Equal(expected, FieldValues.Parse(new FieldDefinition { Code = "X", Type = FieldType.Boolean }, new ImportCell { Text = text }, Samara).Value?.Flag);

    [Fact]
    public void For_SameRowTwice_SameKey_OtherPhone_OtherKey()
    {
        var a = ImportKey.For("+79171234578", new DateTime(2000, 1, 1), "Иванов", "Иван", null);

        Assert.Equal(a, ImportKey.For("+79171234578", new DateTime(2000, 1, 1), " иванов ", "Иван", null));
        Assert.NotEqual(a, ImportKey.For("+79171234579", new DateTime(2000, 1, 1), "Иванов", "Иван", null));
        Assert.Equal(16, a.Length);
    }

    [Theory]
    [InlineData("=1+1", true)]
    [InlineData("@SUM(A1)", true)]
    [InlineData("+SUM(A1)", true)]
    [InlineData("-2+3", true)]
    [InlineData("+7 (917) 123-45-78", false)]
    [InlineData("-5", false)]
    [InlineData("<script>alert(1)</script>", false)]
    public void LooksLikeFormula_CsvValues(string text, bool formula) => Assert.Equal(formula, Files.CsvReader.LooksLikeFormula(text));
}
