package io.curvature.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.curvature.driver.ml.CurvatureLogisticRegressionModel;
import io.curvature.driver.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the Java example as the README shows it, and reads back what it saved and exported. */
class JavaExampleTest {
  @Test
  void theJavaExampleRunsAndItsSavedAndExportedModelsPredictAlike(@TempDir Path dir) throws Exception {
    PipelineModel best = JavaExample.run(TestSpark.session(), dir.toString());
    CurvatureLogisticRegressionModel ours = (CurvatureLogisticRegressionModel) best.stages()[1];
    assertEquals("CONVERGED", ours.summary().status());
    assertTrue(ours.summary().areaUnderROC() > 0.8, "AUC " + ours.summary().areaUnderROC());

    PipelineModel reloaded = PipelineModel.load(dir.resolve("pipeline").toString());
    LogisticRegressionModel mllib = LogisticRegressionModel.load(dir.resolve("mllib-model").toString());
    var data = JavaExample.data(TestSpark.session());
    List<Row> a = best.transform(data).select("probability").collectAsList();
    List<Row> b = reloaded.transform(data).select("probability").collectAsList();
    List<Row> c = mllib.transform(best.stages()[0].transform(data)).select("probability").collectAsList();
    assertEquals(600, a.size());
    for (int i = 0; i < a.size(); i++) {
      double p = ((Vector) a.get(i).get(0)).apply(1);
      assertEquals(p, ((Vector) b.get(i).get(0)).apply(1), 0.0, "saved and loaded: the same bits");
      assertEquals(p, ((Vector) c.get(i).get(0)).apply(1), 1e-12, "exported to MLlib");
    }
  }
}
