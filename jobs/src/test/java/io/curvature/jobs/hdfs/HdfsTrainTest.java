package io.curvature.jobs.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.curvature.driver.testing.TestSpark;
import io.curvature.jobs.CurvatureMain;
import io.curvature.jobs.ExitCode;
import io.curvature.jobs.GenerateCommand;
import io.curvature.jobs.data.SyntheticData;
import io.curvature.driver.io.Json;
import io.curvature.driver.io.ModelIo;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train reads its data from and writes its outputs to a real HDFS (an in-process MiniDFSCluster). */
class HdfsTrainTest {
  @TempDir static Path dir;
  private static MiniDFSCluster cluster;
  private static String root;

  @BeforeAll
  static void startHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    cluster.waitActive();
    root = "hdfs://localhost:" + cluster.getNameNodePort();
  }

  @AfterAll
  static void stopHdfs() {
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void trainsFromHdfsAndWritesModelAndReportThere() throws Exception {
    Configuration conf = new Configuration();
    org.apache.hadoop.fs.Path data = new org.apache.hadoop.fs.Path(root + "/data/train.libsvm");
    GenerateCommand.writeSingleFile(new SyntheticData(2000, 50, 8, 0.3, 9), data, conf);
    String out = root + "/runs/first";
    TestSpark.session();                               // join the shared session rather than starting one
    assertEquals(ExitCode.OK, CurvatureMain.execute("train", "--data", data.toString(), "--reg-param", "1e-3",
        "--output", out, "--master", "local[2]", "--quiet"));
    FileSystem fs = FileSystem.get(new java.net.URI(root), conf);
    JsonNode report;
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(out + "/report.json"))) {
      report = Json.MAPPER.readTree(in);
    }
    assertEquals("CONVERGED", report.get("status").asText());
    assertEquals(2000, report.get("n").asLong());
    assertEquals(50, ModelIo.read(new org.apache.hadoop.fs.Path(out + "/model"), conf).numFeatures());
    // nothing but the outputs is left behind (temporaries are renamed or removed)
    assertEquals(2, fs.listStatus(new org.apache.hadoop.fs.Path(out)).length);
    assertTrue(fs.exists(new org.apache.hadoop.fs.Path(out + "/model/model.json")));
  }
}
