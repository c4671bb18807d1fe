namespace Dockward.Core.Detection.Providers;

/// <summary>One SigV4 signature and the texts it was computed from (kept for tests and for diagnosing a refusal).</summary>
internal sealed record AwsSignature(string CanonicalRequest, string StringToSign, string Signature, string Authorization);
