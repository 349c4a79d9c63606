package io.curvature.driver.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/architecture.md as failing tests: the numerical core (solvers, linear algebra, the objective,
 * the model records) knows nothing of Spark or Scala, and the executor kernels know nothing of the driver. A class that
 * breaks a rule fails the build, naming the offending dependency.
 */
class LayeringTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.curvature");
  }

  @Test
  void solversAndLinearAlgebraSeeNoSparkNorScala() {
    ArchRule rule = noClasses().that().resideInAnyPackage("io.curvature.driver.solvers..",
            "io.curvature.driver.linalg..", "io.curvature.driver.objective..", "io.curvature.driver.model..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "breeze..")
        .because("solvers run on any Objective; only driver.spark, driver.ml and driver.breeze touch Spark");
    rule.check(classes);
  }

  @Test
  void solversSeeNoDataBackend() {
    noClasses().that().resideInAnyPackage("io.curvature.driver.solvers..")
        .should().dependOnClassesThat().resideInAnyPackage("io.curvature.driver.spark..", "io.curvature.workers..")
        .because("solvers talk to the Objective interface, never to blocks or passes")
        .check(classes);
  }

  @Test
  void workersSeeNeitherTheDriverNorSpark() {
    noClasses().that().resideInAnyPackage("io.curvature.workers..")
        .should().dependOnClassesThat().resideInAnyPackage("io.curvature.driver..", "io.curvature.jobs..",
            "org.apache.spark..", "scala..")
        .because("executor kernels are plain Java, tested and benchmarked alone")
        .check(classes);
  }
}
