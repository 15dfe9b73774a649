using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Vidnova.BillingBench;

/// <summary>
/// Binary COPY of the product's own entities into their tables, with the columns, names and value conversions the
/// product's EF Core model gives them, so the generated data is stored exactly as the product would store it.
/// </summary>
internal static class EntityCopy
{
    public static async Task<long> WriteAsync<T>(DbContext model, NpgsqlConnection connection, IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var entity = model.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the product's model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select(p => new Column(p.GetColumnName(table)!, DataTypeName(p.GetColumnType()), p.GetGetter(), p.GetTypeMapping().Converter))
            .ToList();
        var sql = $"COPY {table.Name} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        long count = 0;
        await using var writer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Getter.GetClrValue(row);
                if (value is not null && column.Converter is not null)
                {
                    value = column.Converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await writer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await writer.WriteAsync(value, column.DataTypeName, cancellationToken);
                }
            }

            count++;
        }

        await writer.CompleteAsync(cancellationToken);
        return count;
    }

    /// <summary>"character varying(16)" → "character varying": COPY takes the type, not its length or precision.</summary>
    private static string DataTypeName(string columnType)
    {
        var facets = columnType.IndexOf('(', StringComparison.Ordinal);
        return facets < 0 ? columnType : columnType[..facets];
    }

    private sealed record Column(string Name, string DataTypeName, IClrPropertyGetter Getter, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter);
}
