using EcsBlueGreen.Errors;
using System;
using System.Collections.Generic;
using System.Globalization;

namespace EcsBlueGreen.Images
{
    /// <summary>
    /// Tags as the shell handed them over. An unquoted 5.10 reaches a cmdlet as the number 5.1 (and
    /// 007 as 7): its text is already lost, so a number is refused with the advice to quote it,
    /// rather than published under a tag nobody asked for.
    /// </summary>
    public static class TagArguments
    {

        public static IReadOnlyList<string> ToTags(IEnumerable<object?> values)
        {
            var tags = new List<string>();
            foreach (var value in values)
            {
                switch (value)
                {
                    case string text:
                        tags.Add(text);
                        break;
                    case object number when Values.NumericValue.TryFormat(number, out var shown):
                        throw new ImagePublishException(ErrorIds.ImageTagIsNumber,
                            $"-Tag received the number {shown} ({value.GetType().Name}), not text: PowerShell reads an unquoted tag such as 5.0 or 5.10 as a number and drops its digits. Quote the tag, e.g. -Tag '5.10'.", shown);
                    default:
                        throw new ImagePublishException(ErrorIds.InvalidImageTag,
                            $"-Tag received a {value?.GetType().FullName ?? "null"}, not text. Pass each tag as a string.", null);
                }
            }

            return tags;
        }
    }
}
