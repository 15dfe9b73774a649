using System.Net;
using System.Net.Sockets;

namespace Vidnova.Tests.Infrastructure;

/// <summary>Servers the tests start listen on 127.0.0.1 only, each on a port the system has just handed out.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
