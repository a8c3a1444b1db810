using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// A task definition the user chose (-TaskDefinition, -ToTaskDefinition): in the service's account
    /// and region, existing, and ACTIVE, or a clear error before anything is written.
    /// </summary>
    internal static class TaskDefinitionLookup
    {

        public static async Task<TaskDefinitionDescription> DescribeChosenAsync(IEcsApi ecs, EcsService service, string parameter, string taskDefinition, CancellationToken cancellationToken)
        {
            ArnCheck.AgainstService(service, (parameter, taskDefinition));
            TaskDefinitionDescription chosen;
            try
            {
                chosen = await ecs.DescribeTaskDefinitionAsync(taskDefinition, cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException ex) when (ex.ErrorCode == "ClientException" || ex.ErrorCode == "InvalidParameterException")
            {
                // ECS answers an unknown family or revision with a ClientException that names neither.
                throw new EcsBlueGreenException(Errors.ErrorIds.TaskDefinitionNotFound,
                    $"Task definition '{taskDefinition}' ({parameter}) was not found in the account and region of service {service.ServiceName} ({ex.ErrorCode}: {ex.Message}). Pass family:revision or a task-definition ARN that exists (Get-ECSTaskDefinitionList, aws ecs list-task-definitions).", ex);
            }

            if (chosen.Status == "INACTIVE")
            {
                throw new EcsBlueGreenException(Errors.ErrorIds.TaskDefinitionInactive,
                    $"Task definition {chosen.Arn} ({parameter}) is INACTIVE (deregistered): ECS does not deploy an INACTIVE revision. Pass an ACTIVE revision, or register it again.");
            }

            return chosen;
        }
    }
}
