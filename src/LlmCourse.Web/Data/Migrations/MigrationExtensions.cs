using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LlmCourse.Web.Data.Migrations;

/// <summary>
/// Helpers for hand-written migrations that serve SQLite and PostgreSQL alike: column types are left to
/// the provider, and auto-increment keys carry both providers' annotations (each ignores the other's).
/// </summary>
internal static class MigrationExtensions
{
    public static OperationBuilder<AddColumnOperation> AutoIncrement(this OperationBuilder<AddColumnOperation> column) =>
        column
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
