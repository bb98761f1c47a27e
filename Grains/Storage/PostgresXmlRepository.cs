using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Kinopio.Grains.Storage;

/// <summary>
/// Cluster mode's Data Protection key ring: one row per key (or revocation) in
/// <c>kinopio_data_protection_key</c> (migration 003), read by every silo. Data Protection only adds
/// elements and reads them all; it never changes or deletes one.
/// </summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = database.CreateCommand("SELECT xml FROM kinopio_data_protection_key ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
            elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = database.CreateCommand("INSERT INTO kinopio_data_protection_key (friendly_name, xml) VALUES ($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
        command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
        command.ExecuteNonQuery();
    }
}
