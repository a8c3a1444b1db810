namespace EcsBlueGreen.Images
{
    /// <summary>What kind of failure an <see cref="ImagePublishException"/> is; the cmdlet maps each to a
    /// PowerShell ErrorCategory (the core has no PowerShell reference).</summary>
    public enum ImageErrorKind
    {
        InvalidArgument,
        ObjectNotFound,
        InvalidData,
        ResourceExists,
        NotInstalled,
        ConnectionError,
        PermissionDenied,
        InvalidOperation,
    }
}
