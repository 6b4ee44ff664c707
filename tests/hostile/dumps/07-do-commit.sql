DO $$ BEGIN CREATE TABLE public.planted (x int); COMMIT; END $$;
