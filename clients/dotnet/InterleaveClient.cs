// Interleave reference client in C#: N threads write framed packets on ONE TCP socket and the
// Interleave verifier says which packets arrived torn. Speaks wire format v1 (docs/PROTOCOL.md)
// with the sender report. C# 7 at most, so that Mono's mcs compiles it as well as `dotnet run`.
//
//   mcs -out:interleave-client.exe InterleaveClient.cs && mono interleave-client.exe HOST PORT ...
//   dotnet run -c Release -- HOST PORT [--threads N] [--packets N] [--size BYTES] [--way W] [--lock]
//
// Ways: socket-send (a Socket.Send loop, the article's earlier experiment), networkstream-write
// (NetworkStream.Write), send-async (a Socket.SendAsync/await loop per sender task).
// Prints one JSON line on stdout; messages go to stderr. Exit 0 done, 1 failure, 2 bad arguments.
using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Interleave.Clients
{
    /// <summary>Exit 2 with a message: bad arguments.</summary>
    sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }

    /// <summary>One sender's counts: written by that sender only, read after every sender has finished.</summary>
    sealed class ThreadStats
    {
        public ulong Packets, SendCalls, PartialSends;
        public Exception Error;
    }

    static class Wire
    {
        public const uint HelloMagic = 0x494C5648;  // "ILVH"
        public const uint FrameMagic = 0x494C5646;  // "ILVF"
        public const uint ReportMagic = 0x494C5652; // "ILVR"
        public const uint BackMagic = 0x494C5642;   // "ILVB"
        public const ulong WordSalt = 0x9E3779B97F4A7C15;
        public const int HeaderSize = 24;
        public const int MaxPayload = 64 * 1024 * 1024;
        public const int MaxThreads = 4096; // the sender report's limit
        public const int MaxBackBody = 1024 * 1024;
        public const ulong NotMeasured = ulong.MaxValue;

        static readonly uint[] CrcTable = MakeTable();

        static uint[] MakeTable()
        {
            var t = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ 0x82F63B78u : c >> 1;
                t[i] = c;
            }
            return t;
        }

        /// <summary>CRC32C (Castagnoli), reflected polynomial 0x82F63B78, init and final XOR 0xFFFFFFFF.</summary>
        public static uint Crc32C(byte[] b, int off, int len)
        {
            uint c = 0xFFFFFFFF;
            for (int i = off; i < off + len; i++) c = CrcTable[(c ^ b[i]) & 0xFF] ^ (c >> 8);
            return c ^ 0xFFFFFFFF;
        }

        public static void Put16(byte[] b, int o, uint v) { b[o] = (byte)(v >> 8); b[o + 1] = (byte)v; }

        public static void Put32(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v;
        }

        public static void Put64(byte[] b, int o, ulong v) { Put32(b, o, (uint)(v >> 32)); Put32(b, o + 4, (uint)v); }

        public static uint Get32(byte[] b, int o)
        {
            return ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];
        }

        public static long Get64(byte[] b, int o) { return (long)(((ulong)Get32(b, o) << 32) | Get32(b, o + 4)); }

        public static byte[] Hello(ulong runId, uint packets, int threads)
        {
            var h = new byte[32];
            Put32(h, 0, HelloMagic);
            Put16(h, 4, 1);
            Put64(h, 8, runId);
            Put32(h, 16, packets);
            Put32(h, 20, (uint)threads);
            Put32(h, 28, Crc32C(h, 0, 28));
            return h;
        }
    }

    /// <summary>
    /// One sender's frame buffer. The payload word W(p, i) = ((p &lt;&lt; 32) | i) ^ salt has the high
    /// half p ^ salt_hi in every word of a packet and the low half i ^ salt_lo in every packet: the
    /// low halves are written once, the high halves per packet.
    /// </summary>
    sealed class FrameBuilder
    {
        public readonly byte[] Buffer;
        readonly int size, thread, words;
        readonly uint runLow;

        public FrameBuilder(int size, int thread, ulong runId)
        {
            this.size = size;
            this.thread = thread;
            runLow = (uint)runId;
            words = (size + 7) / 8;
            Buffer = new byte[Wire.HeaderSize + 8 * words];
            for (int i = 0; i < words; i++)
                Wire.Put32(Buffer, Wire.HeaderSize + 8 * i + 4, (uint)i ^ unchecked((uint)Wire.WordSalt));
        }

        public int Length { get { return Wire.HeaderSize + size; } }

        public void Build(uint packet)
        {
            Wire.Put32(Buffer, 0, Wire.FrameMagic);
            Wire.Put32(Buffer, 4, packet);
            Wire.Put16(Buffer, 8, (uint)thread);
            Wire.Put16(Buffer, 10, 0);
            Wire.Put32(Buffer, 12, (uint)size);
            Wire.Put32(Buffer, 16, runLow);
            Wire.Put32(Buffer, 20, Wire.Crc32C(Buffer, 0, 20));
            uint high = packet ^ (uint)(Wire.WordSalt >> 32);
            byte b0 = (byte)(high >> 24), b1 = (byte)(high >> 16), b2 = (byte)(high >> 8), b3 = (byte)high;
            for (int o = Wire.HeaderSize, end = Wire.HeaderSize + 8 * words; o < end; o += 8)
            {
                Buffer[o] = b0; Buffer[o + 1] = b1; Buffer[o + 2] = b2; Buffer[o + 3] = b3;
            }
        }
    }

    sealed class Options
    {
        public string Host;
        public int Port;
        public int Threads = 20;
        public ulong Packets = 10000;
        public int Size = 100000;
        public string Way = "socket-send";
        public bool Lock;

        static readonly string[] Ways = { "socket-send", "networkstream-write", "send-async" };

        static ulong Number(string name, string text, ulong min, ulong max)
        {
            if (text.Length == 0 || text.Length > 20)
                throw new UsageException(string.Format("{0} must be a whole number from {1} to {2}, not \"{3}\"", name, min, max, text));
            foreach (char c in text)
                if (c < '0' || c > '9')
                    throw new UsageException(string.Format("{0} must be a whole number from {1} to {2}, not \"{3}\"", name, min, max, text));
            ulong v;
            if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out v) || v < min || v > max)
                throw new UsageException(string.Format("{0} must be from {1} to {2}, not {3}", name, min, max, text));
            return v;
        }

        public static Options Parse(string[] args)
        {
            var o = new Options();
            var positional = new System.Collections.Generic.List<string>();
            for (int i = 0; i < args.Length; i++)
            {
                string a = args[i];
                bool known = a == "--threads" || a == "--packets" || a == "--size" || a == "--way";
                if (known && i + 1 >= args.Length) throw new UsageException("option " + a + " needs a value");
                if (a == "--threads") o.Threads = (int)Number("--threads", args[++i], 1, Wire.MaxThreads);
                else if (a == "--packets") o.Packets = Number("--packets", args[++i], 1, uint.MaxValue);
                else if (a == "--size") o.Size = (int)Number("--size", args[++i], 0, Wire.MaxPayload);
                else if (a == "--way")
                {
                    o.Way = args[++i];
                    if (Array.IndexOf(Ways, o.Way) < 0)
                        throw new UsageException("--way must be socket-send, networkstream-write or send-async, not \"" + o.Way + "\"");
                }
                else if (a == "--lock") o.Lock = true;
                else if (a == "-h" || a == "--help") throw new UsageException("Interleave reference client (C#)");
                else if (a.StartsWith("-", StringComparison.Ordinal) && a.Length > 1)
                    throw new UsageException("unknown option \"" + a + "\"");
                else positional.Add(a);
            }
            if (positional.Count < 2) throw new UsageException("HOST and PORT are required");
            if (positional.Count > 2) throw new UsageException("unexpected argument \"" + positional[2] + "\"");
            o.Host = positional[0];
            o.Port = (int)Number("PORT", positional[1], 1, 65535);
            return o;
        }
    }

    static class Program
    {
        static Options opt;
        static Socket socket;
        static NetworkStream stream;
        static ThreadStats[] stats;
        static long nextPacket = -1;
        static int stop;
        static readonly object PacketLock = new object();                  // --lock, sync ways
        static readonly SemaphoreSlim AsyncPacketLock = new SemaphoreSlim(1, 1); // --lock, send-async

        static int Main(string[] args)
        {
            try
            {
                opt = Options.Parse(args);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine(e.Message);
                Console.Error.WriteLine("usage: interleave-client HOST PORT [--threads 1..4096] [--packets 1..4294967295]"
                    + " [--size 0..67108864] [--way socket-send|networkstream-write|send-async] [--lock]");
                return 2;
            }
            try
            {
                return Run();
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("failed: " + ErrorText(e));
                return 1;
            }
        }

        static string ErrorText(SocketException e)
        {
            switch (e.SocketErrorCode)
            {
                case SocketError.ConnectionRefused: return "connection refused";
                case SocketError.TimedOut: return "timed out";
                case SocketError.HostUnreachable: return "host unreachable";
                case SocketError.NetworkUnreachable: return "network unreachable";
                case SocketError.ConnectionReset: return "connection reset by peer";
                case SocketError.HostNotFound:
                case SocketError.NoData:
                case SocketError.TryAgain: return "cannot resolve the host (" + e.Message + ")";
                default: return e.Message;
            }
        }

        static string Describe()
        {
            string how = opt.Way == "socket-send" ? "Socket.Send loop"
                : opt.Way == "networkstream-write" ? "NetworkStream.Write" : "Socket.SendAsync loop";
            string runtime, os;
            try
            {
                runtime = RuntimeInformation.FrameworkDescription;
                os = RuntimeInformation.OSDescription;
            }
            catch (Exception)
            {
                runtime = ".NET CLR " + Environment.Version;
                os = Environment.OSVersion.ToString();
            }
            // Mono says "Unix 6.1.0.0" on Linux and macOS alike: name the kernel where it can be read.
            if (os.StartsWith("Unix", StringComparison.Ordinal) && System.IO.File.Exists("/proc/sys/kernel/osrelease"))
            {
                try { os = "Linux " + System.IO.File.ReadAllText("/proc/sys/kernel/osrelease").Trim(); }
                catch (Exception) { }
            }
            return string.Format("C#, {0} {1}, {2}", runtime.Trim(), how, os.Trim());
        }

        static int Run()
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Connect(opt.Host, opt.Port);
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("could not connect to {0}:{1}: {2}", opt.Host, opt.Port, ErrorText(e));
                return 1;
            }
            stream = new NetworkStream(socket, false);
            var idBytes = new byte[8];
            ulong runId = 0;
            using (var rng = RandomNumberGenerator.Create())
            {
                while (runId == 0)
                {
                    rng.GetBytes(idBytes);
                    runId = BitConverter.ToUInt64(idBytes, 0);
                }
            }
            var hello = Wire.Hello(runId, (uint)opt.Packets, opt.Threads);
            socket.Send(hello);
            ulong bytesSent = 32;

            stats = new ThreadStats[opt.Threads];
            for (int t = 0; t < opt.Threads; t++) stats[t] = new ThreadStats();
            var gate = new ManualResetEventSlim(false);
            var gateTask = new TaskCompletionSource<bool>();
            var threads = new Thread[opt.Threads];
            var tasks = new Task[opt.Threads];
            bool async = opt.Way == "send-async";
            for (int t = 0; t < opt.Threads; t++)
            {
                int index = t;
                if (async)
                {
                    tasks[t] = Task.Run(() => AsyncSender(index, runId, gateTask.Task));
                }
                else
                {
                    threads[t] = new Thread(() => SyncSender(index, runId, gate));
                    threads[t].IsBackground = true;
                    threads[t].Name = "sender-" + t;
                    threads[t].Start();
                }
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            gate.Set();
            gateTask.SetResult(true);
            if (async) Task.WaitAll(tasks);
            else foreach (var th in threads) th.Join();
            double seconds = clock.Elapsed.TotalSeconds;

            ulong sent = 0, calls = 0, partial = 0;
            for (int t = 0; t < opt.Threads; t++)
            {
                var st = stats[t];
                if (st.Error != null)
                {
                    var se = st.Error as SocketException ?? st.Error.InnerException as SocketException;
                    Console.Error.WriteLine("sending failed on thread {0} after {1} packets: {2}", t, st.Packets,
                        se != null ? ErrorText(se) : st.Error.Message);
                    return 1;
                }
                sent += st.Packets;
                calls += st.SendCalls;
                partial += st.PartialSends;
            }
            bytesSent += sent * (ulong)(Wire.HeaderSize + opt.Size);

            // The sender report: written by this one thread now that every sender has finished.
            // NetworkStream.Write writes all or throws: its partial sends are 0 by its contract, the
            // sends inside it out of sight. No way here sees a would-block.
            string description = Describe();
            byte[] desc = Encoding.UTF8.GetBytes(description);
            if (desc.Length > 1024) Array.Resize(ref desc, 1024);
            var report = new byte[24 + 32 * opt.Threads + desc.Length + 4];
            Wire.Put32(report, 0, Wire.ReportMagic);
            Wire.Put16(report, 4, 1);
            Wire.Put16(report, 6, (uint)opt.Threads);
            Wire.Put64(report, 8, runId);
            Wire.Put16(report, 16, (uint)desc.Length);
            Wire.Put32(report, 20, Wire.Crc32C(report, 0, 20));
            for (int t = 0; t < opt.Threads; t++)
            {
                int o = 24 + 32 * t;
                Wire.Put64(report, o, stats[t].Packets);
                Wire.Put64(report, o + 8, stats[t].SendCalls);
                Wire.Put64(report, o + 16, stats[t].PartialSends);
                Wire.Put64(report, o + 24, Wire.NotMeasured);
            }
            Array.Copy(desc, 0, report, 24 + 32 * opt.Threads, desc.Length);
            Wire.Put32(report, report.Length - 4, Wire.Crc32C(report, 24, report.Length - 28));
            SendAll(report, 0, report.Length);
            bytesSent += (ulong)report.Length;
            socket.Shutdown(SocketShutdown.Send);
            socket.ReceiveTimeout = 60000;
            long[] summary = ReadBackChannel();
            socket.Close();

            var j = new StringBuilder();
            j.Append("{\"client\":\"dotnet\",\"way\":\"").Append(opt.Way).Append("\",\"lock\":").Append(opt.Lock ? "true" : "false");
            j.Append(",\"threads\":").Append(opt.Threads).Append(",\"packets\":").Append(opt.Packets);
            j.Append(",\"size\":").Append(opt.Size).Append(",\"runId\":\"").Append(runId.ToString("x16")).Append('"');
            j.Append(",\"description\":").Append(JsonString(description));
            j.Append(",\"seconds\":").Append(seconds.ToString("0.######", CultureInfo.InvariantCulture));
            j.Append(",\"bytesSent\":").Append(bytesSent);
            j.Append(",\"mbPerSecond\":").Append((seconds > 0 ? bytesSent / seconds / 1e6 : 0).ToString("0.###", CultureInfo.InvariantCulture));
            j.Append(",\"sendCalls\":").Append(calls).Append(",\"partialSends\":").Append(partial).Append(",\"wouldBlocks\":null");
            j.Append(",\"reportBytes\":").Append(report.Length).Append(",\"perThread\":[");
            for (int t = 0; t < opt.Threads; t++)
            {
                j.Append(t == 0 ? "" : ",").Append("{\"packets\":").Append(stats[t].Packets)
                    .Append(",\"sendCalls\":").Append(stats[t].SendCalls)
                    .Append(",\"partialSends\":").Append(stats[t].PartialSends).Append(",\"wouldBlocks\":null}");
            }
            j.Append(']');
            if (summary != null)
            {
                j.Append(",\"verdicts\":{\"intact\":").Append(summary[1]).Append(",\"torn\":").Append(summary[2])
                    .Append(",\"missing\":").Append(summary[3]).Append(",\"duplicate\":").Append(summary[4])
                    .Append(",\"pending\":").Append(summary[0]).Append('}');
                j.Append(",\"verifierBytes\":{\"received\":").Append(summary[5]).Append(",\"unattributable\":")
                    .Append(summary[9]).Append("},\"verdictsKnown\":true}");
            }
            else
            {
                j.Append(",\"verdicts\":null,\"verifierBytes\":null,\"verdictsKnown\":false}");
            }
            Console.Out.WriteLine(j.ToString());
            return 0;
        }

        static bool TakePacket(out uint packet)
        {
            // the shared list the article's threads pop: one id per pop
            long id = Interlocked.Increment(ref nextPacket);
            packet = (uint)id;
            return (ulong)id < opt.Packets && Volatile.Read(ref stop) == 0;
        }

        static void SyncSender(int index, ulong runId, ManualResetEventSlim gate)
        {
            var st = stats[index];
            var frame = new FrameBuilder(opt.Size, index, runId);
            gate.Wait();
            uint packet;
            try
            {
                while (TakePacket(out packet))
                {
                    frame.Build(packet);
                    if (opt.Lock) Monitor.Enter(PacketLock);
                    try
                    {
                        if (opt.Way == "socket-send") SendLoop(frame.Buffer, frame.Length, st);
                        else
                        {
                            stream.Write(frame.Buffer, 0, frame.Length);
                            st.SendCalls++;
                        }
                    }
                    finally
                    {
                        if (opt.Lock) Monitor.Exit(PacketLock);
                    }
                    st.Packets++;
                }
            }
            catch (Exception e)
            {
                st.Error = e;
                Interlocked.Exchange(ref stop, 1);
            }
        }

        /// <summary>The article's earlier experiment: Socket.Send until the packet is out.</summary>
        static void SendLoop(byte[] b, int len, ThreadStats st)
        {
            int off = 0;
            while (off < len)
            {
                int n = socket.Send(b, off, len - off, SocketFlags.None);
                st.SendCalls++;
                if (n > 0 && n < len - off) st.PartialSends++;
                off += n;
            }
        }

        static async Task AsyncSender(int index, ulong runId, Task gate)
        {
            var st = stats[index];
            var frame = new FrameBuilder(opt.Size, index, runId);
            await gate.ConfigureAwait(false);
            uint packet;
            try
            {
                while (TakePacket(out packet))
                {
                    frame.Build(packet);
                    if (opt.Lock) await AsyncPacketLock.WaitAsync().ConfigureAwait(false);
                    try
                    {
                        int off = 0, len = frame.Length;
                        while (off < len)
                        {
                            int n = await socket.SendAsync(new ArraySegment<byte>(frame.Buffer, off, len - off), SocketFlags.None)
                                .ConfigureAwait(false);
                            st.SendCalls++;
                            if (n > 0 && n < len - off) st.PartialSends++;
                            off += n;
                        }
                    }
                    finally
                    {
                        if (opt.Lock) AsyncPacketLock.Release();
                    }
                    st.Packets++;
                }
            }
            catch (Exception e)
            {
                st.Error = e;
                Interlocked.Exchange(ref stop, 1);
            }
        }

        static void SendAll(byte[] b, int off, int len)
        {
            while (len > 0)
            {
                int n = socket.Send(b, off, len, SocketFlags.None);
                off += n;
                len -= n;
            }
        }

        static bool ReceiveExact(byte[] b, int len)
        {
            int got = 0;
            while (got < len)
            {
                int n = socket.Receive(b, got, len - got, SocketFlags.None);
                if (n == 0) return false;
                got += n;
            }
            return true;
        }

        /// <summary>
        /// Reads the verifier's messages to the end of the stream; returns the SUMMARY's verdict counts
        /// (by code 0..4) and byte counts (received .. unattributable), or null: verdicts unknown.
        /// </summary>
        static long[] ReadBackChannel()
        {
            long[] summary = null;
            try
            {
                var pre = new byte[8];
                if (!ReceiveExact(pre, 8)) return null;
                if (Wire.Get32(pre, 0) != Wire.BackMagic || pre[4] != 0 || pre[5] != 1)
                {
                    Console.Error.WriteLine("back channel: not an Interleave verifier's preamble; verdicts unknown");
                    return null;
                }
                var head = new byte[5];
                var body = new byte[Wire.MaxBackBody];
                while (true)
                {
                    if (!ReceiveExact(head, 5)) return summary;
                    int type = head[0];
                    uint len = Wire.Get32(head, 1);
                    if (len > Wire.MaxBackBody || type < 1 || type > 4)
                    {
                        Console.Error.WriteLine("back channel: bad message (type {0}, length {1}); verdicts unknown", type, len);
                        return null;
                    }
                    if (!ReceiveExact(body, (int)len)) return summary;
                    if (type == 4)
                    {
                        if (len < 89)
                        {
                            Console.Error.WriteLine("back channel: short summary; verdicts unknown");
                            return null;
                        }
                        summary = new long[10];
                        for (int i = 0; i < 10; i++) summary[i] = Wire.Get64(body, 8 + 8 * i);
                    }
                }
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine("back channel: {0}; verdicts {1}", ErrorText(e), summary != null ? "known" : "unknown");
                return summary;
            }
        }

        static string JsonString(string s)
        {
            var b = new StringBuilder("\"");
            foreach (char c in s)
            {
                if (c == '"' || c == '\\') b.Append('\\').Append(c);
                else if (c < 0x20) b.Append("\\u").Append(((int)c).ToString("x4"));
                else b.Append(c);
            }
            return b.Append('"').ToString();
        }
    }
}
