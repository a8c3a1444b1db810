using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using EcsBlueGreen.Ecs;
using EcsBlueGreen.Ecs.Model;

namespace EcsBlueGreen.Deployments
{
    /// <summary>
    /// What a deployment changes in the service's current task definition: the image of one container
    /// and, optionally, environment variables. Everything else is carried through untouched.
    /// </summary>
    public sealed class TaskDefinitionPatch
    {
        public TaskDefinitionPatch(string? image, string? containerName, IReadOnlyDictionary<string, string?>? environment)
        {
            Image = image;
            ContainerName = containerName;
            Environment = environment ?? new Dictionary<string, string?>();
        }

        public string? Image { get; }
        public string? ContainerName { get; }
        /// <summary>Variables to set; a null value removes the variable.</summary>
        public IReadOnlyDictionary<string, string?> Environment { get; }

        /// <summary>The result of applying a patch: the RegisterTaskDefinition input and a printable diff.</summary>
        public sealed class Result
        {
            public Result(JsonObject registerInput, string container, string? previousImage, IReadOnlyList<TaskDefinitionChange> changes)
            {
                RegisterInput = registerInput;
                Container = container;
                PreviousImage = previousImage;
                Changes = changes;
            }

            public JsonObject RegisterInput { get; }
            public string Container { get; }
            public string? PreviousImage { get; }
            public IReadOnlyList<TaskDefinitionChange> Changes { get; }
        }

        public Result ApplyTo(TaskDefinitionDescription current)
        {
            var input = TaskDefinitionClone.ToRegisterInput(current);
            var containers = (input["containerDefinitions"] as JsonArray)?.OfType<JsonObject>().ToList() ?? new List<JsonObject>();
            var target = SelectContainer(containers, current);
            var name = (string?)target["name"] ?? "";
            var previousImage = (string?)target["image"];
            var changes = new List<TaskDefinitionChange>();

            if (Image != null && Image != previousImage)
            {
                target["image"] = Image;
                changes.Add(new TaskDefinitionChange(name, "image", previousImage ?? "(none)", Image));
            }

            ApplyEnvironment(target, name, changes);
            return new Result(input, name, previousImage, changes);
        }

        private JsonObject SelectContainer(List<JsonObject> containers, TaskDefinitionDescription current)
        {
            string Listing() => string.Join(", ", containers.Select(c => $"{(string?)c["name"]} ({(string?)c["image"]})"));

            if (ContainerName != null)
            {
                var named = containers.FirstOrDefault(c => string.Equals((string?)c["name"], ContainerName, StringComparison.Ordinal));
                if (named == null)
                {
                    throw new EcsBlueGreenException(Errors.ErrorIds.ContainerNotFound,
                        $"Task definition {current.Arn} has no container named '{ContainerName}'. Its containers: {Listing()}. Pass one of these names to -ContainerName.");
                }

                return named;
            }

            if (containers.Count == 1)
            {
                return containers[0];
            }

            if (Image != null && ImageReference.TryParse(Image, out var wanted))
            {
                var sameRepository = containers.Where(c =>
                    ImageReference.TryParse((string?)c["image"], out var existing) &&
                    string.Equals(existing!.Repository, wanted!.Repository, StringComparison.Ordinal)).ToList();
                if (sameRepository.Count == 1)
                {
                    return sameRepository[0];
                }
            }

            throw new EcsBlueGreenException(Errors.ErrorIds.AmbiguousContainer,
                $"Task definition {current.Arn} has {containers.Count} containers and none is the only one whose image repository matches '{Image}': {Listing()}. Name the container with -ContainerName.");
        }

        private void ApplyEnvironment(JsonObject container, string name, List<TaskDefinitionChange> changes)
        {
            if (Environment.Count == 0)
            {
                return;
            }

            var environment = container["environment"] as JsonArray;
            if (environment == null)
            {
                environment = new JsonArray();
                container["environment"] = environment;
            }

            foreach (var pair in Environment.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var existing = environment.OfType<JsonObject>().FirstOrDefault(e => (string?)e["name"] == pair.Key);
                var before = existing == null ? null : (string?)existing["value"];
                if (before == pair.Value && (existing != null || pair.Value == null))
                {
                    continue;
                }

                if (pair.Value == null)
                {
                    environment.Remove(existing);
                }
                else if (existing == null)
                {
                    environment.Add(new JsonObject { ["name"] = pair.Key, ["value"] = pair.Value });
                }
                else
                {
                    existing["value"] = pair.Value;
                }

                var shownBefore = SecretMasking.Display(pair.Key, before);
                var shownAfter = SecretMasking.Display(pair.Key, pair.Value);
                if (shownBefore == shownAfter && before != pair.Value)
                {
                    shownAfter += " (changed)";
                }

                changes.Add(new TaskDefinitionChange(name, "environment " + pair.Key, shownBefore, shownAfter));
            }
        }
    }
}
