using System.ComponentModel.DataAnnotations;

namespace Dockward.Core.Storage;

/// <summary>Where state lives. Bound from the <c>Storage</c> section (env: <c>DOCKWARD_STORAGE__…</c>).</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Azure Storage connection string; <c>UseDevelopmentStorage=true</c> for a local Azurite.</summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required (env DOCKWARD_STORAGE__CONNECTIONSTRING), e.g. UseDevelopmentStorage=true for Azurite.")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Prefix of every table name, so several installations (or test runs) can share one account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,30}$", ErrorMessage = "Storage:TablePrefix must start with a letter and hold only letters and digits (at most 31).")]
    public string TablePrefix { get; set; } = "dockward";
}
