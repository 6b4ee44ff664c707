SELECT $x$ ; $x$; COMMIT; CREATE TABLE public.planted (x int);
