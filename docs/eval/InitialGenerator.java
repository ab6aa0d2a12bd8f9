import java.nio.file.Path;
import org.gan4j.data.SampleShape;
import org.gan4j.engine.Engine;
import org.gan4j.nn.Architectures;
import org.gan4j.nn.Generator;
import org.gan4j.nn.NetworkSpec;
import org.gan4j.train.Checkpoint;

/**
 * Writes the step-0 generator of a DCGAN-28 run with seed 42 (Trainer seeds libtorch with the run's
 * seed, then builds G first): the "untrained generator" of the README's metrics table.
 * Run: java -cp "target/gan4j-*.jar:target/lib/*" docs/eval/InitialGenerator.java OUT/generator.pt
 */
public class InitialGenerator {
    public static void main(String[] args) {
        Engine.init(1);
        Engine.seed(42);
        Generator g = Architectures.get("dcgan").generator(new NetworkSpec(SampleShape.image(1, 28, 28), 100, 64));
        Checkpoint.saveGenerator(Path.of(args[0]), g);
    }
}
