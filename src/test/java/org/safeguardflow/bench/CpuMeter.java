package org.safeguardflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CPU time spent by the application's JVM and by its PostgreSQL server, in nanoseconds: the cost of a
 * piece of work that a shared, busy machine does not distort the way it distorts wall time (a loaded
 * machine makes work wait for a core; it does not make it use more of one). The JVM's own process CPU
 * ({@code com.sun.management.OperatingSystemMXBean}); PostgreSQL's from {@code /proc}: the postmaster
 * (the parent of this connection's backend) and all its children, plus the CPU of its children that
 * have already exited (the postmaster's {@code cutime}/{@code cstime}). Without {@code /proc} access
 * to the server (a database on another machine) the database part is absent ({@link #databaseMeasured()}).
 */
final class CpuMeter {

  private static final double NANOS_PER_TICK = 1e9 / 100; // USER_HZ is 100 on Linux
  private final long postmaster;

  CpuMeter(JdbcTemplate jdbc) {
    long found = -1;
    try {
      Integer backend = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
      String[] stat = stat(backend);
      if (stat != null) {
        found = Long.parseLong(stat[3]);
      }
    } catch (RuntimeException e) {
      found = -1;
    }
    this.postmaster = found > 0 && stat(found) != null ? found : -1;
  }

  boolean databaseMeasured() {
    return postmaster > 0;
  }

  /** The JVM's CPU time so far, ns. */
  static long jvm() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The database server's CPU time so far (all its processes, living and exited), ns; 0 when not measured. */
  long database() {
    if (postmaster <= 0) {
      return 0;
    }
    String[] own = stat(postmaster);
    long ticks = own == null ? 0
        : Long.parseLong(own[13]) + Long.parseLong(own[14]) + Long.parseLong(own[15]) + Long.parseLong(own[16]);
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) processes::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] stat = stat(Long.parseLong(name));
        if (stat != null && Long.parseLong(stat[3]) == postmaster) {
          ticks += Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return (long) (ticks * NANOS_PER_TICK);
  }

  /** /proc/PID/stat split after the command name (which may hold spaces): index 0 is the pid, 3 the parent. */
  private static String[] stat(long pid) {
    try {
      String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int close = text.lastIndexOf(')');
      String[] rest = text.substring(close + 2).trim().split(" ");
      String[] fields = new String[rest.length + 2];
      fields[0] = Long.toString(pid);
      fields[1] = "(comm)";
      System.arraycopy(rest, 0, fields, 2, rest.length);
      return fields;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
