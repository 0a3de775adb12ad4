namespace Crm.Connector.Import.Files;

/// <summary>
/// Reads an inflating zip entry and throws once more than <c>limit</c> bytes came out: the declared size in a zip's
/// directory can lie, the count of what was inflated cannot.
/// </summary>
internal sealed class CappedStream(Stream inner, long limit, string part) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = inner.Read(buffer, offset, count);
        _read += n;
        if (_read > limit)
        {
            throw ZipBomb(part, limit);
        }

        return n;
    }

    public static ImportFileException ZipBomb(string part, long limit) => new(ImportFileError.ZipBomb,
        $"Файл Excel распаковывается в слишком большой объём ({part} больше {limit / (1024 * 1024)} МБ). Так бывает с повреждёнными или специально подготовленными файлами: сохраните данные заново в новую книгу Excel (.xlsx) и загрузите её.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
