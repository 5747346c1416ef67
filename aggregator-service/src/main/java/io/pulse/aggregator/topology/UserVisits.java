package io.pulse.aggregator.topology;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** One user's recent first visits ({@link FirstVisits}): which (aggregation, group, window) the user was counted in, and by which event. */
final class UserVisits {

  /** A visit to the window starting at {@code windowStart}, kept until {@code closesAfter} past it. */
  record Visit(String aggregation, String group, long windowStart, long closesAfter, SourcePosition source) {

    boolean sameWindow(Visit other) {
      return windowStart == other.windowStart && aggregation.equals(other.aggregation) && group.equals(other.group);
    }
  }

  private final List<Visit> visits = new ArrayList<>();

  Visit find(Visit visit) {
    for (Visit earlier : visits) {
      if (earlier.sameWindow(visit)) {
        return earlier;
      }
    }
    return null;
  }

  void add(Visit visit) {
    visits.add(visit);
  }

  /** Drops the visits of windows closed before {@code time}; true if any went. */
  boolean forgetBefore(long time) {
    return visits.removeIf(visit -> visit.windowStart + visit.closesAfter < time);
  }

  static final class Serde implements org.apache.kafka.common.serialization.Serde<UserVisits> {

    private static final byte FORMAT = 1;

    @Override
    public Serializer<UserVisits> serializer() {
      return (topic, user) -> {
        if (user == null) {
          return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + user.visits.size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
          out.writeByte(FORMAT);
          out.writeInt(user.visits.size());
          for (Visit visit : user.visits) {
            out.writeUTF(visit.aggregation());
            out.writeUTF(visit.group());
            out.writeLong(visit.windowStart());
            out.writeLong(visit.closesAfter());
            out.writeInt(visit.source().partition());
            out.writeLong(visit.source().offset());
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
      };
    }

    @Override
    public Deserializer<UserVisits> deserializer() {
      return (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        if (bytes.length == 0 || bytes[0] != FORMAT) {
          throw new SerializationException("not a user's visits in " + topic + " (reset the application after an upgrade)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
          UserVisits user = new UserVisits();
          int count = in.readInt();
          for (int i = 0; i < count; i++) {
            user.visits.add(new Visit(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(),
                new SourcePosition(in.readInt(), in.readLong())));
          }
          return user;
        } catch (IOException e) {
          throw new SerializationException("cannot read a user's visits from " + topic, e);
        }
      };
    }
  }
}
