using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace EcsBlueGreen.Tests.Architecture
{
    /// <summary>
    /// Every type a compiled type names: its base type and interfaces, the types of its fields,
    /// properties, events and method signatures, its attributes, and every type, method and field
    /// token in its method bodies (read from the IL, so a `new EcsClient(...)` hidden inside a method
    /// counts as much as a return type). Generic arguments, arrays and by-refs are unwrapped.
    /// </summary>
    internal static class TypeReferences
    {
        private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        public static IReadOnlyCollection<Type> Of(Type type)
        {
            var found = new HashSet<Type>();
            void Add(Type? t) => Unwrap(t, found);

            Add(type.BaseType);
            foreach (var i in type.GetInterfaces()) Add(i);
            foreach (var a in type.GetCustomAttributesData()) Add(a.AttributeType);
            foreach (var f in type.GetFields(Everything)) Add(f.FieldType);
            foreach (var p in type.GetProperties(Everything)) Add(p.PropertyType);
            foreach (var e in type.GetEvents(Everything)) Add(e.EventHandlerType);

            var methods = type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything));
            foreach (var method in methods)
            {
                if (method is MethodInfo info) Add(info.ReturnType);
                foreach (var p in method.GetParameters()) Add(p.ParameterType);
                foreach (var a in method.GetCustomAttributesData()) Add(a.AttributeType);
                var body = method.GetMethodBody();
                if (body == null) continue;
                foreach (var local in body.LocalVariables) Add(local.LocalType);
                foreach (var clause in body.ExceptionHandlingClauses)
                {
                    if (clause.Flags == ExceptionHandlingClauseOptions.Clause) Add(clause.CatchType);
                }

                foreach (var member in BodyTokens(method, body.GetILAsByteArray() ?? Array.Empty<byte>()))
                {
                    switch (member)
                    {
                        case Type t: Add(t); break;
                        case FieldInfo f: Add(f.DeclaringType); Add(f.FieldType); break;
                        case MethodInfo m:
                            Add(m.DeclaringType); Add(m.ReturnType);
                            foreach (var p in m.GetParameters()) Add(p.ParameterType);
                            if (m.IsGenericMethod) foreach (var g in m.GetGenericArguments()) Add(g);
                            break;
                        case ConstructorInfo c:
                            Add(c.DeclaringType);
                            foreach (var p in c.GetParameters()) Add(p.ParameterType);
                            break;
                    }
                }
            }

            return found;
        }

        private static IEnumerable<MemberInfo> BodyTokens(MethodBase method, byte[] il)
        {
            var module = method.Module;
            var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            var i = 0;
            while (i < il.Length)
            {
                short value = il[i++];
                if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
                if (!OpCodesByValue.TryGetValue(value, out var op))
                {
                    throw new InvalidOperationException($"Unknown IL opcode 0x{value:X} in {method.DeclaringType}.{method.Name}.");
                }

                switch (op.OperandType)
                {
                    case OperandType.InlineField:
                    case OperandType.InlineMethod:
                    case OperandType.InlineTok:
                    case OperandType.InlineType:
                        yield return module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments)!;
                        i += 4;
                        break;
                    case OperandType.InlineSwitch:
                        i += 4 + 4 * BitConverter.ToInt32(il, i);
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        i += 8;
                        break;
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineI:
                    case OperandType.InlineSig:
                    case OperandType.InlineString:
                        i += 4;
                        break;
                    case OperandType.InlineVar:
                        i += 2;
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineI:
                    case OperandType.ShortInlineR:
                    case OperandType.ShortInlineVar:
                        i += 1;
                        break;
                }
            }
        }

        private static void Unwrap(Type? type, HashSet<Type> found)
        {
            if (type == null || type.IsGenericParameter) return;
            if (type.HasElementType)
            {
                Unwrap(type.GetElementType(), found);
                return;
            }

            if (type.IsGenericType && !type.IsGenericTypeDefinition)
            {
                foreach (var argument in type.GetGenericArguments()) Unwrap(argument, found);
                type = type.GetGenericTypeDefinition();
            }

            found.Add(type);
        }
    }
}
