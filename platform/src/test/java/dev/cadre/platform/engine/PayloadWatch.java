package dev.cadre.platform.engine;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pass-through payload codec that measures every payload the client and the workers build:
 * workflow and activity inputs and results, local-activity results, signals, updates, queries and
 * continue-as-new inputs. Tests check the largest against a bound well under Temporal's 2 MB limit.
 */
final class PayloadWatch implements PayloadCodec {

    /** The bound the engine's payloads must stay under, whatever the size of the run. */
    static final long BOUND = 1024 * 1024;

    private final AtomicLong largest = new AtomicLong();
    private final AtomicReference<String> largestKind = new AtomicReference<>("");

    /** @return a data converter that encodes as the default one does, measuring through this watch */
    DataConverter dataConverter() {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(this));
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        for (Payload payload : payloads) {
            long size = payload.getSerializedSize();
            if (largest.getAndAccumulate(size, Math::max) < size) {
                largestKind.set(describe(payload));
            }
        }
        return payloads;
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads;
    }

    /** @return the largest payload's size in bytes */
    long largest() {
        return largest.get();
    }

    /** @return the start of the largest payload, to tell what it was */
    String largestKind() {
        return largestKind.get();
    }

    private static String describe(Payload payload) {
        String data = payload.getData().toStringUtf8();
        return data.substring(0, Math.min(160, data.length()));
    }
}
