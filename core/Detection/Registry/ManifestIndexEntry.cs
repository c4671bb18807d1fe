namespace Dockward.Core.Detection.Registry;

/// <summary>One manifest an index points at: its digest, media type, platform (null when the index gives none) and whether it is an attestation.</summary>
internal sealed record ManifestIndexEntry(string Digest, string? MediaType, Platform? Platform, bool IsAttestation);
