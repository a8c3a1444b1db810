namespace EcsBlueGreen.Simulator.Protocol;

/// <summary>
/// An AWS error to send back. <see cref="Code"/> is the awsJson shape name; for the query protocol
/// <see cref="QueryCode"/> (the model's <c>error.code</c>, e.g. TargetGroupNotFound) is used when set.
/// </summary>
public sealed class AwsException : Exception
{
    public AwsException(string code, string message, int status = 400, string? queryCode = null, bool senderFault = true)
        : base(message)
    {
        Code = code;
        Status = status;
        QueryCode = queryCode ?? code;
        SenderFault = senderFault;
    }

    public string Code { get; }
    public string QueryCode { get; }
    public int Status { get; }
    public bool SenderFault { get; }

    public static AwsException InvalidParameter(string message) => new("InvalidParameterException", message);
    public static AwsException ClusterNotFound() => new("ClusterNotFoundException", "Cluster not found.");
    public static AwsException Throttling() => new("ThrottlingException", "Rate exceeded", 400, "Throttling");
}
