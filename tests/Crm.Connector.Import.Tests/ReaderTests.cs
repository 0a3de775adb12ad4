using System.Text;

namespace Crm.Connector.Import.Tests;

public sealed class ReaderTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public void Read_TemplateFileFromOurWriter_HeaderAcceptedExampleRowRead()
    {
        using var buffer = new MemoryStream();
        ImportTemplateFile.Write(Fixtures.Layout, buffer);

        var file = Fixtures.Read(buffer.ToArray(), "template.xlsx");

        Assert.Equal("xlsx", file.Format);
        var row = Assert.Single(file.Rows);
        Assert.Equal(2, row.Line);
        Assert.Equal("+79171234578", row.Cells[Fixtures.Layout.IndexOf(ImportColumnKind.Phone)].Text);
    }

    [Fact]
    public void Read_HandBuiltXlsx_SharedStringsDatesFormulaInlineBoolNumbers()
    {
        var headers = Fixtures.Layout.Columns.Select((c, i) => $"""<c r="{Col(i)}1" t="s"><v>{i}</v></c>""");
        var strings = string.Concat(Fixtures.Layout.Columns.Select(c => $"<si><t>{c.Header}</t></si>")) + "<si><r><t>Ива</t></r><r><t>нов</t></r><rPh><t>イ</t></rPh></si>";
        var n = Fixtures.Layout.Columns.Count;
        var sheet = $"""
            <worksheet xmlns="{Main}"><sheetData>
            <row r="1">{string.Concat(headers)}</row>
            <row r="3"><c r="A3" s="1"><v>36526.5236111111</v></c><c r="B3" t="s"><v>{n}</v></c><c r="C3" t="inlineStr"><is><t>&lt;script&gt;</t></is></c><c r="E3"><v>79171234578</v></c><c r="H3"><f>1+1</f><v>2</v></c><c r="I3" t="b"><v>1</v></c></row>
            </sheetData></worksheet>
            """;
        var bytes = Fixtures.Zip(new Dictionary<string, string>
        {
            ["xl/workbook.xml"] = $"""<workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Клиенты" sheetId="1" r:id="rId7"/></sheets></workbook>""",
            ["xl/_rels/workbook.xml.rels"] = """<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""",
            ["xl/worksheets/data.xml"] = sheet,
            ["xl/sharedStrings.xml"] = $"""<sst xmlns="{Main}">{strings}</sst>""",
            ["xl/styles.xml"] = $"""<styleSheet xmlns="{Main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>""",
        });

        var row = Assert.Single(Fixtures.Read(bytes, "any-name.bin").Rows);

        Assert.Equal(3, row.Line);
        Assert.Equal(new DateTime(2000, 1, 1, 12, 34, 0), Rules.ImportDates.ParseLocal(row.Cells[0]));
        Assert.Equal("Иванов", row.Cells[1].Text);
        Assert.Equal("<script>", row.Cells[2].Text);
        Assert.Equal("79171234578", row.Cells[4].Text);
        Assert.True(row.Cells[7].Formula);
        Assert.Equal("Да", row.Cells[8].Text);
    }

    [Fact]
    public void Read_CsvSemicolonsAndQuotes_CellsKept()
    {
        var bytes = Fixtures.Csv([Fixtures.Row("8 (917) 123-45-78", "Иванов", note: "Сказал: \"позвоню\";\nпозже")]);

        var row = Assert.Single(Fixtures.Read(bytes).Rows);

        Assert.Equal("Сказал: \"позвоню\";\nпозже", row.Cells[Fixtures.Layout.IndexOf(ImportColumnKind.Note)].Text);
        Assert.Equal("Иванов", row.Cells[1].Text);
    }

    [Fact]
    public void Read_CsvCommasWithBom_Read()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Fixtures.Csv([Fixtures.Row("9171234578", "Петров")], ',')).ToArray();

        Assert.Equal("Петров", Assert.Single(Fixtures.Read(bytes).Rows).Cells[1].Text);
    }

    [Theory]
    [InlineData(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 }, ImportFileError.OldExcelFormat, "сохраните как «Книга Excel (.xlsx)»")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, ImportFileError.NotASpreadsheet, "не похож на таблицу Excel")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5 }, ImportFileError.Corrupt, "повреждён")]
    public void Read_NotAnXlsx_RefusedWithAdvice(byte[] bytes, ImportFileError error, string words)
    {
        var e = Assert.Throws<ImportFileException>(() => Fixtures.Read(bytes, "clients.xlsx"));

        Assert.Equal(error, e.Error);
        Assert.Contains(words, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Read_HundredThousandRows_RefusedWithCountAndAdvice()
    {
        var rows = Enumerable.Range(0, 100_000).Select(i => Fixtures.Row($"+7917{i:D7}"));

        var e = Assert.Throws<ImportFileException>(() => Fixtures.Read(Fixtures.Csv(rows), limits: new ImportLimits { MaxBytes = 100L * 1024 * 1024 }));

        Assert.Equal(ImportFileError.TooManyRows, e.Error);
        Assert.Contains("100 000", e.Message.Replace('\u00A0', ' '), StringComparison.Ordinal);
        Assert.Contains("Разделите файл", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThirtyMegabytes_RefusedAsTooBig()
    {
        var e = Assert.Throws<ImportFileException>(() => Fixtures.Read(new byte[30 * 1024 * 1024]));

        Assert.Equal(ImportFileError.TooBig, e.Error);
    }

    [Fact]
    public void Read_ZipBombSheet_Refused()
    {
        var huge = "<worksheet xmlns=\"" + Main + "\"><sheetData>" + new string(' ', 3 * 1024 * 1024) + "</sheetData></worksheet>";
        var bytes = Fixtures.Zip(new Dictionary<string, string> { ["xl/workbook.xml"] = $"<workbook xmlns=\"{Main}\"/>", ["xl/worksheets/sheet1.xml"] = huge });

        var e = Assert.Throws<ImportFileException>(() => Fixtures.Read(bytes, "b.xlsx", new ImportLimits { MaxUncompressedBytes = 1024 * 1024 }));

        Assert.Equal(ImportFileError.ZipBomb, e.Error);
    }

    [Fact]
    public void Read_ColumnsSwapped_NamesColumnAndPosition()
    {
        var text = Encoding.UTF8.GetString(Fixtures.Csv([])).Replace("Фамилия;Имя", "Имя;Фамилия", StringComparison.Ordinal);

        var e = Assert.Throws<ImportFileException>(() => Fixtures.Read(Encoding.UTF8.GetBytes(text)));

        Assert.Equal((ImportFileError.Header, "Фамилия", 2), (e.Error, e.Column, e.ColumnNumber));
        Assert.StartsWith("Столбец 2 должен называться «Фамилия», в файле — «Имя».", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderRowDeleted_Refused()
    {
        var e = Assert.Throws<ImportFileException>(() => Fixtures.Read(Encoding.UTF8.GetBytes("01.01.2000;Иванов;Иван;;+79171234578\r\n")));

        Assert.Equal((ImportFileError.Header, 1), (e.Error, e.ColumnNumber));
    }

    private static string Col(int i) => i < 26 ? ((char)('A' + i)).ToString() : "A" + (char)('A' + i - 26);
}
