namespace EcsBlueGreen.Errors
{
    /// <summary>
    /// The category of a catalogued error. The names are PowerShell's ErrorCategory names, one for one,
    /// so the cmdlet layer maps by name (the core has no PowerShell reference). NotSpecified is left out
    /// on purpose: every error the module reports says what kind of failure it is.
    /// </summary>
    public enum ErrorKind
    {
        OpenError,
        CloseError,
        DeviceError,
        DeadlockDetected,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        InvalidResult,
        InvalidType,
        MetadataError,
        NotImplemented,
        NotInstalled,
        ObjectNotFound,
        OperationStopped,
        OperationTimeout,
        SyntaxError,
        ParserError,
        PermissionDenied,
        ResourceBusy,
        ResourceExists,
        ResourceUnavailable,
        ReadError,
        WriteError,
        FromStdErr,
        SecurityError,
        ProtocolError,
        ConnectionError,
        AuthenticationError,
        LimitsExceeded,
        QuotaExceeded,
        NotEnabled,
    }
}
