package org.safeguardflow.variables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * A {@link Var} handle is not its variable's name: {@code variables.get(REFERRAL_DATE)} on a map of
 * variables (a history snapshot, a REST body, form variables) compiles, because {@code Map.get} takes
 * any {@code Object}, and silently finds nothing. So do {@code containsKey}, {@code getOrDefault},
 * {@code remove} and a collection's {@code contains}. The right forms are {@code REFERRAL_DATE.from(map)}
 * and {@code map.get(REFERRAL_DATE.name())}.
 *
 * <p>The check reads the compiled classes of {@code src/main} and {@code src/test} and, with ASM's
 * type-tracking verifier, the static type of the argument each such call receives: whatever the
 * source looks like (a static import, a local variable, a method returning a handle), a {@code Var}
 * there is a finding. A source scan could not tell {@code get(REFERRAL_DATE)} from
 * {@code get(REFERRAL)} of a String constant, and ArchUnit sees calls but not their arguments' types.
 */
class VarsAreNoMapKeysTest {

  private static final Type VAR = Type.getType(Var.class);

  /** Lookups that take {@code Object} where a key or element is meant. */
  private static final Map<Class<?>, Set<String>> LOOKUPS = Map.of(
      Map.class, Set.of("get(Ljava/lang/Object;)", "containsKey(Ljava/lang/Object;)",
          "getOrDefault(Ljava/lang/Object;Ljava/lang/Object;)", "remove(Ljava/lang/Object;)"),
      Collection.class, Set.of("contains(Ljava/lang/Object;)", "remove(Ljava/lang/Object;)"),
      List.class, Set.of("indexOf(Ljava/lang/Object;)", "lastIndexOf(Ljava/lang/Object;)"));

  @Test
  void noVarIsLookedUpInAMapOrCollection() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path classes : List.of(Path.of("target/classes"), Path.of("target/test-classes"))) {
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
          if (file.getFileName().toString().equals("VarsAreNoMapKeysTest$Planted.class")) {
            continue; // the planted fault below, found on purpose by the next test
          }
          try (InputStream in = Files.newInputStream(file)) {
            found.addAll(varsUsedAsKeys(new ClassReader(in)));
          }
        }
      }
    }
    assertThat(found).as("a Var used as a map key or collection element: use X.from(map) or map.get(X.name())")
        .isEmpty();
  }

  @Test
  void theCheckFindsAPlantedVarLookupAndLeavesTheRightFormsAlone() throws IOException {
    List<String> found = varsUsedAsKeys(new ClassReader(Planted.class.getName()));
    assertThat(found).hasSize(4).allSatisfy(f -> assertThat(f).contains(Planted.class.getName()));
    assertThat(found).anySatisfy(f -> assertThat(f).contains("Map.get"))
        .anySatisfy(f -> assertThat(f).contains("Map.containsKey"))
        .anySatisfy(f -> assertThat(f).contains("Map.getOrDefault"))
        .anySatisfy(f -> assertThat(f).contains("Collection.contains"));
  }

  /** The mistakes (four) and their right forms (none found), compiled as any class of ours is. */
  @SuppressWarnings({"unused", "CollectionIncompatibleType", "SuspiciousMethodCalls"})
  static final class Planted {
    static final Var<String> CHILD_FIRST_NAME = Var.text("childFirstName");

    static Object mistakes(Map<String, Object> variables, List<String> names) {
      Var<String> local = CHILD_FIRST_NAME;
      boolean known = variables.containsKey(local);
      Object value = variables.get(CHILD_FIRST_NAME);
      Object orElse = variables.getOrDefault(handle(), "none");
      return known || names.contains(CHILD_FIRST_NAME) ? value : orElse;
    }

    static Object rightForms(Map<String, Object> variables, List<String> names) {
      boolean known = variables.containsKey(CHILD_FIRST_NAME.name()) && names.contains(CHILD_FIRST_NAME.name());
      return known ? CHILD_FIRST_NAME.from(variables) : variables.get(handle().name());
    }

    private static Var<String> handle() {
      return CHILD_FIRST_NAME;
    }
  }

  /** Each call in the class that looks a {@code Var} up in a map or collection: "class.method (line n): Map.get". */
  static List<String> varsUsedAsKeys(ClassReader reader) {
    ClassNode type = new ClassNode();
    reader.accept(type, ClassReader.SKIP_FRAMES);
    List<String> found = new ArrayList<>();
    for (MethodNode method : type.methods) {
      if (!callsALookup(method)) {
        continue;
      }
      Frame<BasicValue>[] frames;
      try {
        SimpleVerifier verifier = new SimpleVerifier();
        verifier.setClassLoader(VarsAreNoMapKeysTest.class.getClassLoader());
        frames = new Analyzer<>(verifier).analyze(type.name, method);
      } catch (AnalyzerException e) {
        throw new AssertionError("Could not follow the types in " + type.name + "." + method.name + ": " + e.getMessage(), e);
      }
      int line = 0;
      for (int i = 0; i < method.instructions.size(); i++) {
        AbstractInsnNode insn = method.instructions.get(i);
        if (insn instanceof LineNumberNode number) {
          line = number.line;
        }
        String lookup = insn instanceof MethodInsnNode call ? lookup(call) : null;
        if (lookup == null || frames[i] == null) {
          continue;
        }
        MethodInsnNode call = (MethodInsnNode) insn;
        Frame<BasicValue> frame = frames[i];
        int arguments = Type.getArgumentTypes(call.desc).length;
        // The first argument (the key or element) sits below the others on the operand stack.
        BasicValue key = frame.getStack(frame.getStackSize() - arguments);
        if (VAR.equals(key.getType())) {
          found.add(type.name.replace('/', '.') + "." + method.name + " (line " + line + "): " + lookup);
        }
      }
    }
    return found;
  }

  private static boolean callsALookup(MethodNode method) {
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof MethodInsnNode call && lookup(call) != null) {
        return true;
      }
    }
    return false;
  }

  /** "Map.get" when the call is one of the lookups on a map or collection type, else null. */
  private static String lookup(MethodInsnNode call) {
    String signature = call.name + call.desc.substring(0, call.desc.indexOf(')') + 1);
    for (var entry : LOOKUPS.entrySet()) {
      if (entry.getValue().contains(signature) && isA(call.owner, entry.getKey())) {
        return entry.getKey().getSimpleName() + "." + call.name;
      }
    }
    return null;
  }

  private static boolean isA(String owner, Class<?> type) {
    try {
      return type.isAssignableFrom(Class.forName(owner.replace('/', '.'), false, VarsAreNoMapKeysTest.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError notOnTheClasspath) {
      return false;
    }
  }
}
