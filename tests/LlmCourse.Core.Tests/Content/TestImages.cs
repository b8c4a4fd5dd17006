using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace LlmCourse.Core.Tests.Content;

/// <summary>
/// Image files built byte by byte from their specifications, so tests need no binary fixtures. The PNGs are
/// complete and display in a browser (PNG spec, 2nd edition: signature, IHDR, IDAT holding zlib-compressed
/// scanlines, IEND, each chunk closed by a CRC-32). The WebP files are headers only (RFC 9649, sections 2.5-2.7):
/// enough for the site's content sniffing, not for a decoder.
/// </summary>
public static class TestImages
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    /// <summary>A solid-colour RGB PNG; <paramref name="padTo"/> adds a comment chunk so the file reaches that many bytes.</summary>
    public static byte[] Png(int width, int height, byte red = 0x3B, byte green = 0x5B, byte blue = 0xDB, int padTo = 0)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour
        Chunk(output, "IHDR", header);

        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
            {
                var row = new byte[1 + (width * 3)];
                for (var x = 0; x < width; x++)
                {
                    row[1 + (x * 3)] = red;
                    row[2 + (x * 3)] = green;
                    row[3 + (x * 3)] = blue;
                }

                for (var y = 0; y < height; y++)
                {
                    zlib.Write(row);
                }
            }

            Chunk(output, "IDAT", pixels.ToArray());
        }

        var padding = padTo - (int)output.Length - 12 - 12;
        if (padding > 0)
        {
            var text = new byte[padding];
            Encoding.ASCII.GetBytes("Comment\0").CopyTo(text, 0);
            text.AsSpan(8).Fill((byte)'x');
            Chunk(output, "tEXt", text);
        }

        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A lossless WebP header ("VP8L"): signature 0x2F, then width-1 and height-1 in 14 bits each.</summary>
    public static byte[] WebpLossless(int width, int height)
    {
        var bytes = Riff("VP8L", 10);
        bytes[20] = 0x2F;
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(21), bits);
        return bytes;
    }

    /// <summary>An extended WebP header ("VP8X"): flags, then canvas width-1 and height-1 in 24 bits each.</summary>
    public static byte[] WebpExtended(int width, int height)
    {
        var bytes = Riff("VP8X", 10);
        WriteUInt24(bytes, 24, width - 1);
        WriteUInt24(bytes, 27, height - 1);
        return bytes;
    }

    /// <summary>A lossy WebP header ("VP8 "): a key frame tag, the start code 9D 01 2A, then 14-bit width and height.</summary>
    public static byte[] WebpLossy(int width, int height)
    {
        var bytes = Riff("VP8 ", 10);
        bytes[23] = 0x9D;
        bytes[24] = 0x01;
        bytes[25] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(26), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), (ushort)height);
        return bytes;
    }

    /// <summary>The smallest GIF header: what an upload named .png might really hold.</summary>
    public static byte[] Gif() => [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, .. ";"u8];

    /// <summary>A JPEG start: SOI and an APP0 marker.</summary>
    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9];

    /// <summary>An SVG document with <paramref name="body"/> inside a 200 × 100 viewBox.</summary>
    public static byte[] Svg(string body = "<rect width=\"200\" height=\"100\" fill=\"#3b5bdb\"/>", string rootAttributes = "viewBox=\"0 0 200 100\"") =>
        Encoding.UTF8.GetBytes($"<svg xmlns=\"{SvgNamespace}\" {rootAttributes}>\n{body}\n</svg>\n");

    private static byte[] Riff(string chunk, int payload)
    {
        var bytes = new byte[20 + payload];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        "WEBP"u8.CopyTo(bytes.AsSpan(8));
        Encoding.ASCII.GetBytes(chunk).CopyTo(bytes, 12);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)payload);
        return bytes;
    }

    private static void WriteUInt24(byte[] bytes, int at, int value)
    {
        bytes[at] = (byte)value;
        bytes[at + 1] = (byte)(value >> 8);
        bytes[at + 2] = (byte)(value >> 16);
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        output.Write(length);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32([.. typeBytes, .. data]));
        output.Write(crc);
    }

    // CRC-32 as PNG uses it (ISO 3309, polynomial 0xEDB88320 reflected), PNG spec annex D.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
