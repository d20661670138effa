/**
 * Every use of an internal or unstable Vert.x or Netty API, behind small classes named for their role, so that an
 * upgrade touches this package only; the rest of the code uses public API and these classes ({@code
 * InternalsFenceTest} keeps it so).
 *
 * <p>What is used, and why:
 * <ul>
 *   <li>{@code io.vertx.core.internal.ContextInternal#nettyEventLoop()} ({@link org.epollservers.internals.EventLoops}):
 *   the epoll fast path and the batched UDP receiver run on the verticle's own Netty loop, and no public Vert.x API
 *   names that loop.</li>
 *   <li>{@code io.vertx.core.internal.buffer.BufferInternal#buffer(ByteBuf)}
 *   ({@link org.epollservers.internals.BufferViews}): lends the loop's read buffer to the record parser without a copy
 *   per read; the public {@code Buffer} factories all copy.</li>
 *   <li>{@code io.vertx.core.internal.net.NetSocketInternal#channelHandlerContext()}
 *   ({@link org.epollservers.internals.NetSockets}): NetSocket has no public half-close, and its public close waits
 *   for queued writes, so a client that never reads would outlive every deadline; no way to set SO_LINGER 0 on an
 *   accepted socket, which the injected reset fault ({@code tcp.faults.reset}) needs. Over TLS the half-close first
 *   sends close_notify through the pipeline's {@code SslHandler}.</li>
 *   <li>Netty 4.2's I/O handle API: {@code IoEventLoop}, {@code IoRegistration}, {@code IoEvent}, and epoll's
 *   {@code EpollIoHandle}, {@code EpollIoOps}, {@code EpollIoEvent} ({@link org.epollservers.internals.EpollServerSocket},
 *   {@link org.epollservers.internals.EpollSocket}): the fast path watches its sockets in the loop's own epoll set
 *   without a channel and pipeline per connection, which measured fewer allocations and syscalls per connection; the
 *   API is new in 4.2 and marked unstable.</li>
 *   <li>{@code io.netty.channel.epoll.LinuxSocket}, {@code io.netty.channel.unix.Socket} and {@code FileDescriptor}
 *   (same classes): accept4, read, write, shutdown, SO_LINGER and close on a bare descriptor, which only these classes offer
 *   outside a channel.</li>
 *   <li>The kernel constants {@code IPPROTO_TCP} and {@code TCP_DEFER_ACCEPT}
 *   ({@link org.epollservers.internals.EpollServerSocket}): Netty's setter for the option is package-private on
 *   {@code LinuxSocket}, public only as a channel option.</li>
 *   <li>The layout of the address {@code Socket.accept(byte[])} fills in (26 bytes, a length byte first)
 *   ({@code AcceptedAddress}): the per-client cap keys connections by address without a lookup or an
 *   {@code InetSocketAddress} per connection; {@code NativeInetAddress.address} decodes it fully only for the access
 *   log, and {@code Socket.remoteAddress()} (getpeername) gives it on demand otherwise.</li>
 *   <li>{@code io.netty.channel.epoll.EpollDatagramChannel}, {@code EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE} and
 *   {@code UnixChannelOption.SO_REUSEPORT} ({@link org.epollservers.internals.DatagramChannels}): the batched UDP
 *   receiver reads many datagrams per recvmmsg(2) call, which Vert.x's DatagramSocket does not, and shares its port
 *   with SO_REUSEPORT. Vert.x 5.0's way to make that channel, {@code VertxInternal.transport().datagramChannel()},
 *   is internal (and, by the account, gone in 5.1); its public neighbour
 *   {@code io.vertx.core.transport.Transport#implementation()} only leads to the same method on an SPI. So the channel
 *   class follows the loop instead, epoll on an epoll loop and NIO otherwise, which needs only Netty's own public
 *   constructors and no Vert.x internals at all.</li>
 * </ul>
 */
package org.epollservers.internals;
