using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace EcsBlueGreen.PowerShell.Isolation
{
    /// <summary>
    /// Makes the types users see ([OutputType] of every cmdlet, and the core types their properties
    /// hold) nameable in the session by their full names, although the core loads in the module's
    /// private load context, which PowerShell's type-name lookup does not search. Each is registered
    /// as a type accelerator named exactly like the type, so `-is`, casts and param blocks resolve to
    /// the very Type the cmdlets emit; nothing else of the private context becomes visible.
    /// </summary>
    internal static class SessionTypeNames
    {
        private static readonly object Gate = new object();

        /// <summary>The accelerator names this module added and still owns.</summary>
        private static readonly Dictionary<string, Type> Registered = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The user-visible types, discovered from the cmdlets rather than listed by hand.</summary>
        internal static IReadOnlyList<Type> UserVisibleTypes()
        {
            var core = typeof(EcsBlueGreen.Deployments.EcsDeployment).Assembly;
            var roots = typeof(SessionTypeNames).Assembly.GetTypes()
                .Where(t => typeof(Cmdlet).IsAssignableFrom(t))
                .SelectMany(t => t.GetCustomAttributes<OutputTypeAttribute>(false))
                .SelectMany(a => a.Type)
                .Select(n => n.Type)
                .Where(t => t != null && t.Assembly == core);
            var found = new List<Type>();
            var pending = new Queue<Type>(roots);
            while (pending.Count > 0)
            {
                var type = pending.Dequeue();
                if (found.Contains(type))
                {
                    continue;
                }

                found.Add(type);
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    foreach (var held in HeldTypes(property.PropertyType).Where(h => h.Assembly == core && h.IsPublic))
                    {
                        pending.Enqueue(held);
                    }
                }
            }

            return found;
        }

        /// <summary>Adds the accelerators. Safe to run again (Import-Module -Force): an existing entry for
        /// the same name is replaced, since it can only be this module's from an earlier import.</summary>
        public static void Register()
        {
            var accelerators = AcceleratorApi();
            if (accelerators == null)
            {
                return;
            }

            lock (Gate)
            {
                foreach (var type in UserVisibleTypes())
                {
                    var name = type.FullName!;
                    accelerators.Remove(name);
                    accelerators.Add(name, type);
                    Registered[name] = type;
                }
            }
        }

        /// <summary>Removes what <see cref="Register"/> added, and only while it still maps to our type.</summary>
        public static void Unregister()
        {
            var accelerators = AcceleratorApi();
            if (accelerators == null)
            {
                return;
            }

            lock (Gate)
            {
                var current = accelerators.Current();
                foreach (var entry in Registered)
                {
                    if (current.TryGetValue(entry.Key, out var type) && type == entry.Value)
                    {
                        accelerators.Remove(entry.Key);
                    }
                }

                Registered.Clear();
            }
        }

        // A property's type, or the element types of a generic collection it holds (IReadOnlyList<T>).
        private static IEnumerable<Type> HeldTypes(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying.IsGenericType)
            {
                return underlying.GetGenericArguments().SelectMany(HeldTypes);
            }

            return underlying.IsArray ? HeldTypes(underlying.GetElementType()!) : new[] { underlying };
        }

        private static Accelerators? AcceleratorApi()
        {
            // Not public API: PowerShell's own [accelerators] class, the same in 5.1 and 7.
            var type = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators");
            var add = type?.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(Type) }, null);
            var remove = type?.GetMethod("Remove", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string) }, null);
            var get = type?.GetProperty("Get", BindingFlags.Public | BindingFlags.Static);
            return add == null || remove == null || get == null ? null : new Accelerators(add, remove, get);
        }

        private sealed class Accelerators
        {
            private readonly MethodInfo _add;
            private readonly MethodInfo _remove;
            private readonly PropertyInfo _get;

            public Accelerators(MethodInfo add, MethodInfo remove, PropertyInfo get)
            {
                _add = add;
                _remove = remove;
                _get = get;
            }

            public void Add(string name, Type type) => _add.Invoke(null, new object[] { name, type });

            public void Remove(string name) => _remove.Invoke(null, new object[] { name });

            public IReadOnlyDictionary<string, Type> Current()
            {
                var copy = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
                if (_get.GetValue(null) is System.Collections.IDictionary all)
                {
                    foreach (System.Collections.DictionaryEntry entry in all)
                    {
                        if (entry.Key is string name && entry.Value is Type type)
                        {
                            copy[name] = type;
                        }
                    }
                }

                return copy;
            }
        }
    }
}
