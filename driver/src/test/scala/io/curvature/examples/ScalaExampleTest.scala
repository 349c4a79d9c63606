package io.curvature.examples

import io.curvature.driver.testing.TestSpark
import org.junit.jupiter.api.Assertions.{assertEquals, assertTrue}
import org.junit.jupiter.api.Test

/** Runs the Scala example as the README shows it. */
class ScalaExampleTest {
  @Test def theScalaExampleRuns(): Unit = {
    val (model, minimum) = ScalaExample.run(TestSpark.session())
    assertEquals("CONVERGED", model.summary.status)
    assertTrue(model.summary.areaUnderROC > 0.8, s"AUC ${model.summary.areaUnderROC}")
    assertEquals(1.0, minimum(0), 1e-8)
    assertEquals(1.0, minimum(1), 1e-8)
  }
}
