// Shared by the verify scripts, which evaluate it with their own binding (so `basedir` is known here).
import java.nio.file.Files

def generated = { String name -> new File(basedir, "target/generated-sources/voxarch/it/incremental/${name}.java") }
def time = { String name -> Files.getLastModifiedTime(generated(name).toPath()).toMillis() }
def timesFile = new File(basedir, 'target/times.properties')

return [
    // The "N generated, M up to date" summary of every build so far, in order.
    summaries: { -> (new File(basedir, 'build.log').getText('UTF-8') =~ /\[INFO\] voxarch: (\d+ generated, \d+ up to date)/).collect { it[1] } },
    generated: generated,
    time: time,
    // Time stamps of the generated files after the first build.
    saveTimes: { ->
        def p = new Properties()
        ['Imported', 'Standalone'].each { p.setProperty(it, String.valueOf(time(it))) }
        timesFile.withOutputStream { p.store(it, null) }
    },
    savedTime: { String name ->
        def p = new Properties()
        timesFile.withInputStream { p.load(it) }
        p.getProperty(name) as long
    },
]
