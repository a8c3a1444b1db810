// netstandard2.0 lacks this attribute; the compiler only needs one with this name to emit a module
// initializer, which both .NET and .NET Framework run when the assembly loads.
namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
    internal sealed class ModuleInitializerAttribute : Attribute
    {
    }
}
