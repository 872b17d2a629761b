package io.dinplatform.core.device;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

import java.util.Optional;

/** Functions of the process's C library, through JNA; absent where the library lacks them (not glibc, too old). */
final class CLibrary {

    private CLibrary() {
    }

    static Optional<Function> function(String name) {
        try {
            return Optional.of(NativeLibrary.getInstance("c").getFunction(name));
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }
}
