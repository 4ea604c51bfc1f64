@echo off
rem authcert launcher for Windows: builds target\authcert.jar when missing or older than the sources, then runs it.
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%target\authcert.jar"
set STALE=0
if not exist "%JAR%" set STALE=1
if "%STALE%"=="0" (
  powershell -NoProfile -Command "$j=(Get-Item -LiteralPath $env:JAR).LastWriteTime; $n=@(Get-ChildItem -Recurse -File -LiteralPath ($env:HERE+src\main), ($env:HERE+pom.xml) | Where-Object { $_.LastWriteTime -gt $j }).Count; exit [int]($n -gt 0)"
  if errorlevel 1 set STALE=1
)
if "%STALE%"=="1" (
  echo authcert: building %JAR% ^(once, about a minute^)... 1>&2
  if not exist "%HERE%target" mkdir "%HERE%target"
  pushd "%HERE%"
  call mvn -B -q -DskipTests -Dmaven.test.skip=true package > "%HERE%target\build.log" 2>&1
  if errorlevel 1 ( popd & echo authcert: the build failed; see %HERE%target\build.log 1>&2 & exit /b 1 )
  popd
)
java %AUTHCERT_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
