using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Vidnova.Persistence;

/// <summary>
/// PostgreSQL binary COPY of entities into their table, with the columns the EF Core model gives them (names, store
/// types, value conversions), so bulk writers store a row exactly as <c>SaveChanges</c> would, without a hand-kept
/// column list. It writes on the context's connection, inside its current transaction; the change tracker never
/// sees the rows. Shadow properties (an owned collection's key to its owner) come from <c>shadowValue</c>.
/// </summary>
public static class ModelCopy
{
    public static async Task<long> WriteAsync<T>(DbContext db, IEnumerable<T> rows, Func<T, IProperty, object?>? shadowValue,
        CancellationToken cancellationToken)
        where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p => Column.Of(p, table)).ToList();
        if (shadowValue is null && columns.FirstOrDefault(c => c.Getter is null) is { } shadow)
        {
            throw new ArgumentException($"{typeof(T).Name}.{shadow.Property.Name} is a shadow property: pass its value.", nameof(shadowValue));
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var sql = $"COPY \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        long count = 0;
        await using var writer = await connection.BeginBinaryImportAsync(sql, cancellationToken);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Getter is null ? shadowValue!(row, column.Property) : column.Getter.GetClrValue(row);
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

    private sealed record Column(IProperty Property, string Name, string DataTypeName, IClrPropertyGetter? Getter, ValueConverter? Converter)
    {
        public static Column Of(IProperty property, StoreObjectIdentifier table)
        {
            // COPY takes the type without its length or precision: "character varying(16)" is "character varying".
            var type = property.GetColumnType();
            var facets = type.IndexOf('(', StringComparison.Ordinal);
            return new Column(property, property.GetColumnName(table)!, facets < 0 ? type : type[..facets],
                property.IsShadowProperty() ? null : property.GetGetter(), property.GetTypeMapping().Converter);
        }
    }
}
