import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.LinuxSocket;
import io.netty.channel.unix.Buffer;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoOps;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * The io_uring floor of bench/floor_uring.c written in Java on Netty 4.2's io_uring loop, with raw operations and no
 * Netty channel: how much a JVM adds to the same system calls. One multishot accept; per connection a recv, then a
 * send linked to a close. No deadlines, caps or logs: a measurement, not a server.
 *
 *   java -cp "epoll-servers.jar:netty-transport-classes-io_uring.jar:netty-transport-native-io_uring-linux-x86_64.jar" \
 *     bench/FloorUring.java PORT
 */
public final class FloorUring {

  // From linux/io_uring.h: Netty keeps its own copies package-private.
  private static final byte OP_ACCEPT = 13;
  private static final byte OP_CLOSE = 19;
  private static final byte OP_SEND = 26;
  private static final byte OP_RECV = 27;
  private static final byte SQE_IO_LINK = 1 << 2;
  private static final short ACCEPT_MULTISHOT = 1;
  private static final int CQE_F_MORE = 1 << 1;
  private static final int MSG_NOSIGNAL = 0x4000;
  private static final int REQUEST_ROOM = 512;

  private static final ByteBuffer RESPONSE = response();
  private static final long RESPONSE_ADDRESS = Buffer.memoryAddress(RESPONSE);
  private static final ArrayDeque<ByteBuffer> SPARE = new ArrayDeque<>();

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: FloorUring PORT");
      System.exit(2);
    }
    Epoll.ensureAvailability();     // the listener is made with the epoll library's socket calls
    IoUring.ensureAvailability();
    LinuxSocket listener = LinuxSocket.newSocketStream();
    listener.setReuseAddress(true);
    listener.setReusePort(true);
    listener.setIntOpt(6, 9, 1);    // IPPROTO_TCP, TCP_DEFER_ACCEPT, 1 s: as the jar and nginx `deferred`
    listener.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
    listener.listen(1024);
    IoEventLoop loop = new MultiThreadIoEventLoopGroup(1, IoUringIoHandler.newFactory()).next();
    Acceptor acceptor = new Acceptor(loop, listener.intValue());
    loop.execute(() -> loop.register(acceptor).addListener(done -> {
      if (done.isSuccess()) {
        acceptor.started((IoRegistration) done.getNow());
      } else {
        done.cause().printStackTrace();
        System.exit(1);
      }
    }));
    Thread.currentThread().join();
  }

  private static ByteBuffer response() {
    String head = "HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n"
      + "Content-Type: text/plain\r\nContent-Length: 1024\r\n\r\n";
    byte[] bytes = (head + "H".repeat(1024)).getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
  }

  private static IoUringIoOps op(byte opcode, byte flags, short ioPrio, int fd, long address, int length, int opFlags) {
    return new IoUringIoOps(opcode, flags, ioPrio, fd, 0L, address, length, opFlags, (short) 0, (short) 0, (short) 0, 0, 0L);
  }

  /** The listener: one multishot accept, armed again whenever the kernel ends it. */
  private static final class Acceptor implements IoUringIoHandle {
    private final IoEventLoop loop;
    private final int fd;
    private IoRegistration registration;

    Acceptor(IoEventLoop loop, int fd) {
      this.loop = loop;
      this.fd = fd;
    }

    private void arm() {
      registration.submit(op(OP_ACCEPT, (byte) 0, ACCEPT_MULTISHOT, fd, 0L, 0, 0));
    }

    @Override
    public void handle(IoRegistration registration, IoEvent ioEvent) {
      IoUringIoEvent event = (IoUringIoEvent) ioEvent;
      if ((event.flags() & CQE_F_MORE) == 0) {
        arm();
      }
      if (event.res() >= 0) {
        Connection connection = new Connection(event.res());
        loop.register(connection).addListener(done -> {
          if (done.isSuccess()) {
            connection.start((IoRegistration) done.getNow());
          } else {
            connection.closeNow();
          }
        });
      }
    }

    @Override
    public void close() {
    }

    void started(IoRegistration registration) {
      this.registration = registration;
      arm();
    }
  }

  /** One connection: recv into a pooled buffer; a whole request gets the response, then the descriptor is closed. */
  private static final class Connection implements IoUringIoHandle {
    private final int fd;
    private final ByteBuffer request;
    private IoRegistration registration;

    Connection(int fd) {
      this.fd = fd;
      ByteBuffer spare = SPARE.poll();
      this.request = spare != null ? spare : ByteBuffer.allocateDirect(REQUEST_ROOM);
    }

    void start(IoRegistration registration) {
      this.registration = registration;
      registration.submit(op(OP_RECV, (byte) 0, (short) 0, fd, Buffer.memoryAddress(request), REQUEST_ROOM, 0));
    }

    @Override
    public void handle(IoRegistration registration, IoEvent ioEvent) {
      IoUringIoEvent event = (IoUringIoEvent) ioEvent;
      switch (event.opcode()) {
        case OP_RECV -> {
          if (event.res() > 0 && complete(event.res())) {
            registration.submit(op(OP_SEND, SQE_IO_LINK, (short) 0, fd, RESPONSE_ADDRESS, RESPONSE.limit(), MSG_NOSIGNAL));
          }
          registration.submit(op(OP_CLOSE, (byte) 0, (short) 0, fd, 0L, 0, 0));
        }
        case OP_CLOSE -> {
          if (event.res() < 0) {
            closeNow();   // cancelled after a failed send: the descriptor is still open
          }
          SPARE.push(request);
          registration.cancel();
        }
        default -> {
          // a send: its linked close reports on its own
        }
      }
    }

    private boolean complete(int n) {
      for (int i = 0; i + 1 < n; i++) {
        if (request.get(i) == '\n' && (request.get(i + 1) == '\n'
          || (i + 2 < n && request.get(i + 1) == '\r' && request.get(i + 2) == '\n'))) {
          return true;
        }
      }
      return false;
    }

    void closeNow() {
      try {
        new FileDescriptor(fd).close();
      } catch (IOException ignored) {
        // a floor: nothing to report to
      }
    }

    @Override
    public void close() {
    }
  }
}
