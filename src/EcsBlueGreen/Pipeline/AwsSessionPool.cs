using System;
using System.Collections.Generic;
using EcsBlueGreen.Aws;

namespace EcsBlueGreen.Pipeline
{
    /// <summary>
    /// The sessions of one cmdlet invocation: one per distinct <see cref="AwsConnection"/> (which
    /// includes the region), so objects started by separate commands but made with the same settings
    /// share a session and its clients, and a fleet wait batches per account, region and cluster.
    /// Disposing the pool disposes every session it handed out; it is the invocation's to dispose.
    /// </summary>
    public sealed class AwsSessionPool : IDisposable
    {
        private readonly Func<AwsConnectionOptions, AwsSession> _resolve;
        private readonly Dictionary<AwsConnection, PooledSession> _sessions = new Dictionary<AwsConnection, PooledSession>();
        private readonly object _gate = new object();
        private bool _disposed;

        public AwsSessionPool(Func<AwsConnectionOptions, AwsSession> resolve)
        {
            _resolve = resolve ?? throw new ArgumentNullException(nameof(resolve));
        }

        /// <summary>How many distinct sessions this pool holds.</summary>
        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _sessions.Count;
                }
            }
        }

        /// <summary>The session for these options: an existing one when its connection is equal, else a new one.</summary>
        public PooledSession For(AwsConnectionOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));

            // Resolving is configuration work only (the HTTP client is made on first call), so
            // resolving to compare and then dropping a duplicate costs nothing on the wire.
            var session = _resolve(options);
            var connection = AwsConnection.From(options, session);
            lock (_gate)
            {
                if (!_disposed && !_sessions.TryGetValue(connection, out var existing))
                {
                    var added = new PooledSession(connection, session);
                    _sessions.Add(connection, added);
                    return added;
                }

                session.Dispose();
                if (_disposed)
                {
                    throw new ObjectDisposedException(nameof(AwsSessionPool));
                }

                return _sessions[connection];
            }
        }

        public void Dispose()
        {
            List<PooledSession> sessions;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                sessions = new List<PooledSession>(_sessions.Values);
                _sessions.Clear();
            }

            foreach (var pooled in sessions)
            {
                pooled.Session.Dispose();
            }
        }
    }
}
