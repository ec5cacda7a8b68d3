new File(basedir, 'src/main/arch/standalone.arch').delete()
return true
