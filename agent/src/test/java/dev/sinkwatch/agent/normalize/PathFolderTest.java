package dev.sinkwatch.agent.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathFolderTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            /var/data/orders/order-123.json                          | /var/data/orders/order-*.json
            /logs/2024/06/01/app.log                                 | /logs/*/*/*/app.log
            /tmp/prefix1234567890123456789.tmp                       | /tmp/prefix*.tmp
            /tmp/upload_8836512739451256734.part                     | /tmp/upload_*.part
            /srv/blobs/123e4567-e89b-12d3-a456-426614174000/data.bin | /srv/blobs/*/data.bin
            /srv/blobs/123E4567-E89B-12D3-A456-426614174000.json     | /srv/blobs/*.json
            /srv/x-123e4567-e89b-12d3-a456-426614174000-y            | /srv/x-*-y
            /cache/3f786850e387550fdab836ed7e6dc881de23001b          | /cache/*
            /cache/a1b2c3d4/file                                     | /cache/*/file
            /cache/a1b2c3d/file                                      | /cache/a*b*c*d/file
            /cache/deadbeefcafe/file                                 | /cache/deadbeefcafe/file
            /usr/lib/jvm/java-17-openjdk-amd64/lib/libjvm.so         | /usr/lib/jvm/java-*-openjdk-amd*/lib/libjvm.so
            /etc/passwd                                              | /etc/passwd
            /                                                        | /
            //a///b//                                                | /a/b
            /a/./b/.                                                 | /a/b
            /a/b/../c                                                | /a/c
            /a/123/../c                                              | /a/c
            /../../etc/passwd                                        | /etc/passwd
            /var/www/../../etc/shadow                                | /etc/shadow
            /a/..                                                    | /
            /a/.../b                                                 | /a/.../b
            /données/été-2024.txt                                    | /données/été-*.txt
            """)
    void foldsAbsolutePaths(String raw, String expected) {
        assertEquals(expected, PathFolder.fold(raw));
    }

    @Test
    void resolvesRelativePathsAgainstUserDir() {
        String base = PathFolder.fold(System.getProperty("user.dir"));
        assertEquals(base + "/data/report-*.csv", PathFolder.fold("data/report-7.csv"));
        assertEquals(base + "/data", PathFolder.fold("./data"));
        assertEquals(base, PathFolder.fold(""));
        assertEquals(base, PathFolder.fold("."));
        String parent = base.substring(0, Math.max(base.lastIndexOf('/'), 1));
        assertEquals(parent, PathFolder.fold(".."));
        assertTrue(PathFolder.fold("x").startsWith("/"));
    }

    @Test
    void windowsPathsAreNotSupportedAndTreatedAsRelative() {
        String base = PathFolder.fold(System.getProperty("user.dir"));
        assertEquals(base + "/C:\\temp\\a*.txt", PathFolder.fold("C:\\temp\\a1.txt"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", PathFolder.fold(null));
        assertEquals("", PathFolder.foldCached(null));
        assertFalse(PathFolder.hasTraversal(null));
    }

    @Test
    void realTempFilesOfTheJdkFold(@TempDir Path dir) throws IOException {
        File a = File.createTempFile("upload", ".tmp", dir.toFile());
        File b = File.createTempFile("upload", ".tmp", dir.toFile());
        Path c = Files.createTempFile(dir, "report-", ".csv");
        String folder = PathFolder.fold(dir.toString());
        assertEquals(folder + "/upload*.tmp", PathFolder.fold(a.getPath()));
        assertEquals(PathFolder.fold(a.getPath()), PathFolder.fold(b.getPath()));
        assertEquals(folder + "/report-*.csv", PathFolder.fold(c.toString()));
    }

    @Test
    void randomIdsFoldToTheSameShape() {
        for (int i = 0; i < 100; i++) {
            assertEquals("/data/*/part-*.parquet",
                    PathFolder.fold("/data/" + UUID.randomUUID() + "/part-" + i + ".parquet"));
            assertEquals("/objects/*", PathFolder.fold("/objects/" + Long.toHexString(Double.doubleToLongBits(i + 0.5))));
        }
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ../etc/passwd            | true
            /var/www/../../etc       | true
            /a/..                    | true
            ..                       | true
            ..\\windows\\win.ini     | true
            /a/b/c                   | false
            /a/.../b                 | false
            /a/..b/c                 | false
            /a/b../c                 | false
            ./a                      | false
            ''                       | false
            """)
    void detectsTraversal(String raw, boolean expected) {
        assertEquals(expected, PathFolder.hasTraversal(raw));
    }

    @Test
    void foldCachedGivesTheSameResultAndTheSameInstanceOnAHit() {
        String raw = "/srv/cache-test/item-" + UUID.randomUUID() + ".bin";
        assumeTrue(PathFolder.cacheSize() < PathFolder.CACHE_ENTRIES, "the shared cache was filled by another test");
        String first = PathFolder.foldCached(raw);
        assertEquals("/srv/cache-test/item-*.bin", first);
        assertSame(first, PathFolder.foldCached(new String(raw.toCharArray())));
        assertTrue(PathFolder.cacheSize() <= PathFolder.CACHE_ENTRIES);
    }

    @Test
    void foldCachedDoesNotCacheVeryLongPaths() {
        String raw = "/long/" + "a".repeat(PathFolder.CACHE_MAX_PATH_CHARS);
        long before = PathFolder.cacheUncachedCount();
        assertEquals(raw, PathFolder.foldCached(raw));
        assertEquals(before + 1, PathFolder.cacheUncachedCount());
    }
}
