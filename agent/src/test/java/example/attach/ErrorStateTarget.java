package example.attach;

/**
 * A target for attach: loads a class whose static initialiser throws (caught, as servers do
 * with optional probes) and a class with allocateDirect sites, prints "ready", then allocates
 * every few milliseconds until it is terminated.
 */
public final class ErrorStateTarget {
    private ErrorStateTarget() {
    }

    /**
     * Runs until terminated.
     *
     * @param args none
     * @throws InterruptedException never expected
     */
    public static void main(String[] args) throws InterruptedException {
        try {
            BrokenInit.touch();
        } catch (ExceptionInInitializerError e) {
            System.out.println("BrokenInit failed: " + e.getCause().getMessage());
        }
        long sum = Allocates.checksum(100);
        Allocates.keep(100);
        System.out.println("ready " + sum);
        System.out.flush();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            sum += Allocates.checksum(512);
            Allocates.keep(256);
            Thread.sleep(2);
        }
        System.out.println("done " + sum);
    }
}
