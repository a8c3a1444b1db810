using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace EcsBlueGreen.HelpBuilder
{
    /// <summary>One cmdlet as the compiled assembly declares it.</summary>
    internal sealed class CmdletInfo
    {
        public string Name => Verb + "-" + Noun;
        public string Verb { get; init; } = "";
        public string Noun { get; init; } = "";
        public string TypeName { get; init; } = "";
        public string? DefaultParameterSet { get; init; }
        public bool SupportsShouldProcess { get; init; }
        public IReadOnlyList<string> OutputTypes { get; init; } = Array.Empty<string>();
        /// <summary>Declared order: the cmdlet's own parameters first, then the inherited ones.</summary>
        public IReadOnlyList<ParameterInfo> Parameters { get; init; } = Array.Empty<ParameterInfo>();

        /// <summary>Parameter-set names in help order: the default set first.</summary>
        public IReadOnlyList<string> ParameterSets
        {
            get
            {
                var named = Parameters.SelectMany(p => p.Sets).Select(s => s.Name)
                    .Where(n => n != ParameterSetInfo.AllSets).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                if (named.Count == 0)
                {
                    return new[] { ParameterSetInfo.AllSets };
                }

                if (DefaultParameterSet != null && named.Remove(DefaultParameterSet))
                {
                    named.Insert(0, DefaultParameterSet);
                }

                return named;
            }
        }
    }

    internal sealed class ParameterInfo
    {
        public string Name { get; init; } = "";
        /// <summary>Full type name without Nullable, e.g. System.String[].</summary>
        public string TypeFullName { get; init; } = "";
        /// <summary>Short name as PowerShell shows it, e.g. String[].</summary>
        public string TypeDisplay { get; init; } = "";
        public bool IsSwitch { get; init; }
        public bool DontShow { get; init; }
        public bool SupportsWildcards { get; init; }
        public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();
        /// <summary>ValidateSet values or enum names, for the syntax's {a | b} list.</summary>
        public IReadOnlyList<string> AllowedValues { get; init; } = Array.Empty<string>();
        public IReadOnlyList<ParameterSetInfo> Sets { get; init; } = Array.Empty<ParameterSetInfo>();
        /// <summary>WhatIf and Confirm, added by PowerShell for SupportsShouldProcess.</summary>
        public bool IsShouldProcess { get; init; }

        public bool InSet(string set) => Sets.Any(s => s.Name == ParameterSetInfo.AllSets || string.Equals(s.Name, set, StringComparison.OrdinalIgnoreCase));

        public ParameterSetInfo For(string set) =>
            Sets.FirstOrDefault(s => string.Equals(s.Name, set, StringComparison.OrdinalIgnoreCase))
            ?? Sets.First(s => s.Name == ParameterSetInfo.AllSets);
    }

    internal sealed class ParameterSetInfo
    {
        public const string AllSets = "__AllParameterSets";
        public string Name { get; init; } = AllSets;
        public bool Mandatory { get; init; }
        /// <summary>null: named.</summary>
        public int? Position { get; init; }
        public bool ByValue { get; init; }
        public bool ByPropertyName { get; init; }
    }

    /// <summary>
    /// Reads cmdlets and parameters from the compiled module assembly with MetadataLoadContext: the
    /// attributes are read as metadata, nothing of the assembly (or of PowerShell) is executed.
    /// </summary>
    internal static class CmdletMetadata
    {
        private const string Sma = "System.Management.Automation.";

        public static IReadOnlyList<CmdletInfo> Read(string assemblyPath, string smaPath)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
            var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            void Add(IEnumerable<string> files)
            {
                foreach (var file in files)
                {
                    paths.TryAdd(Path.GetFileName(file), file);
                }
            }

            // Order matters: the first file of a name wins.
            Add(new[] { Path.GetFullPath(assemblyPath), smaPath });
            Add(Directory.GetFiles(directory, "*.dll"));
            var dependencies = Path.Combine(directory, "Dependencies");
            if (Directory.Exists(dependencies))
            {
                Add(Directory.GetFiles(dependencies, "*.dll"));
            }

            Add(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"));

            using var context = new MetadataLoadContext(new PathAssemblyResolver(paths.Values));
            var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
            var result = new List<CmdletInfo>();
            foreach (var type in SafeTypes(assembly).Where(t => t.IsClass && !t.IsAbstract && t.IsPublic))
            {
                var cmdlet = type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == Sma + "CmdletAttribute");
                if (cmdlet == null)
                {
                    continue;
                }

                result.Add(new CmdletInfo
                {
                    Verb = (string)cmdlet.ConstructorArguments[0].Value!,
                    Noun = (string)cmdlet.ConstructorArguments[1].Value!,
                    TypeName = type.FullName!,
                    DefaultParameterSet = Named<string>(cmdlet, "DefaultParameterSetName"),
                    SupportsShouldProcess = Named<bool>(cmdlet, "SupportsShouldProcess"),
                    OutputTypes = type.GetCustomAttributesData()
                        .Where(a => a.AttributeType.FullName == Sma + "OutputTypeAttribute")
                        .SelectMany(a => a.ConstructorArguments)
                        .SelectMany(Values)
                        .Select(v => v is Type t ? t.FullName! : v?.ToString() ?? "")
                        .Where(n => n.Length > 0)
                        .Distinct()
                        .ToList(),
                    Parameters = ReadParameters(type, Named<bool>(cmdlet, "SupportsShouldProcess")),
                });
            }

            return result.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static IReadOnlyList<ParameterInfo> ReadParameters(Type type, bool supportsShouldProcess)
        {
            var parameters = new List<ParameterInfo>();
            // Most-derived class first: the cmdlet's own parameters, then its bases' (the AWS ones).
            var chain = new List<Type>();
            for (var t = type; t != null && t.FullName != Sma + "PSCmdlet" && t.FullName != Sma + "Cmdlet"; t = t.BaseType)
            {
                chain.Add(t);
            }

            foreach (var declaring in chain)
            {
                foreach (var property in declaring.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    var attributes = property.GetCustomAttributesData();
                    var parameterAttributes = attributes.Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute").ToList();
                    if (parameterAttributes.Count == 0)
                    {
                        continue;
                    }

                    var type0 = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                    if (type0.IsGenericType && type0.GetGenericTypeDefinition().FullName == "System.Nullable`1")
                    {
                        type0 = type0.GetGenericArguments()[0];
                    }

                    var aliases = attributes.Where(a => a.AttributeType.FullName == Sma + "AliasAttribute")
                        .SelectMany(a => a.ConstructorArguments).SelectMany(Values).Select(v => v?.ToString() ?? "").Where(v => v.Length > 0).ToList();
                    var validateSet = attributes.Where(a => a.AttributeType.FullName == Sma + "ValidateSetAttribute")
                        .SelectMany(a => a.ConstructorArguments).SelectMany(Values).Select(v => v?.ToString() ?? "").ToList();
                    var element = type0.IsArray ? type0.GetElementType()! : type0;
                    if (validateSet.Count == 0 && element.IsEnum)
                    {
                        validateSet = element.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).ToList();
                    }

                    parameters.Add(new ParameterInfo
                    {
                        Name = property.Name,
                        TypeFullName = type0.FullName ?? type0.Name,
                        TypeDisplay = type0.Name,
                        IsSwitch = type0.FullName == Sma + "SwitchParameter",
                        DontShow = parameterAttributes.Any(a => Named<bool>(a, "DontShow")),
                        SupportsWildcards = attributes.Any(a => a.AttributeType.FullName == Sma + "SupportsWildcardsAttribute"),
                        Aliases = aliases,
                        AllowedValues = validateSet,
                        Sets = parameterAttributes.Select(a => new ParameterSetInfo
                        {
                            Name = Named<string>(a, "ParameterSetName") ?? ParameterSetInfo.AllSets,
                            Mandatory = Named<bool>(a, "Mandatory"),
                            Position = Named<int?>(a, "Position") is int p && p != int.MinValue ? p : null,
                            ByValue = Named<bool>(a, "ValueFromPipeline"),
                            ByPropertyName = Named<bool>(a, "ValueFromPipelineByPropertyName"),
                        }).ToList(),
                    });
                }
            }

            if (supportsShouldProcess)
            {
                parameters.Add(ShouldProcessParameter("WhatIf", "wi"));
                parameters.Add(ShouldProcessParameter("Confirm", "cf"));
            }

            return parameters;
        }

        private static ParameterInfo ShouldProcessParameter(string name, string alias) => new ParameterInfo
        {
            Name = name,
            TypeFullName = Sma + "SwitchParameter",
            TypeDisplay = "SwitchParameter",
            IsSwitch = true,
            Aliases = new[] { alias },
            Sets = new[] { new ParameterSetInfo() },
            IsShouldProcess = true,
        };

        private static IEnumerable<object?> Values(CustomAttributeTypedArgument argument) =>
            argument.Value is IEnumerable<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { argument.Value };

        private static T? Named<T>(CustomAttributeData attribute, string name)
        {
            var argument = attribute.NamedArguments.FirstOrDefault(a => a.MemberName == name);
            if (argument.MemberInfo == null || argument.TypedValue.Value == null)
            {
                return default;
            }

            var value = argument.TypedValue.Value;
            var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            return (T)(target.IsEnum ? Enum.ToObject(target, value) : Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture));
        }

        private static IEnumerable<Type> SafeTypes(Assembly assembly)
        {
            try
            {
                return assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException ex)
            {
                return ex.Types.Where(t => t != null)!;
            }
        }
    }
}
